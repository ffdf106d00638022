// Real server processes on one PostgreSQL, as a cluster runs behind a load balancer, once with
// room-wide messages through PostgreSQL alone and once through Redis (REDIS_URL): tablets spread
// over the nodes (HTTP and socket), boards on every node; one node is killed with SIGKILL
// mid-stream and started again, then PostgreSQL itself is restarted mid-stream, and (with Redis)
// Redis is stopped and started again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterBoard, ClusterTablet } from '../support/cluster-load.js';
import { addBooth, ClusterNodes, commandReaches, eventually, health, listedScreens, revokeCutsOff, screensOn, sleep, type MessagesVia } from '../support/cluster-nodes.js';
import { ADMIN_TOKEN, api, nextEvent, operatorSocket, setupEvent, uuid } from '../support/server.js';

const setups: { via: MessagesVia; count: number }[] = [
  { via: 'postgres', count: 3 },
  { via: 'redis', count: 2 },
];

describe.each(setups)('a cluster of $count nodes on one PostgreSQL, room-wide messages through $via', ({ via, count }) => {
  const c = new ClusterNodes(via);
  const { nodes, boards } = c;
  const last = () => nodes[nodes.length - 1]!;

  beforeAll(() => c.start(count), 120_000);
  afterAll(() => c.destroy(), 60_000);

  it("lists every node's screens in the console, whichever node it asks, and commands a screen on another node", async () => {
    for (const n of nodes) expect((await health(n.url)).body).toMatchObject({ status: 'ok', messages: { via } });
    const { event } = await setupEvent(nodes[0]!.url);
    const screens = await screensOn(c.urls, event.id);
    try {
      for (const n of nodes) expect(await listedScreens(n.url, event.id)).toEqual(screens.map((s) => s.id).sort());
      // The console talks to node 0; the screen is on the last node, and the other way round.
      await commandReaches(nodes[0]!.url, event.id, screens[screens.length - 1]!);
      await commandReaches(last().url, event.id, screens[0]!);
    } finally {
      for (const s of screens) s.disconnect();
    }
  }, 60_000);

  it("cuts off a revoked booth's tablet connected to another node", async () => {
    const { event, boothA } = await setupEvent(nodes[0]!.url);
    await revokeCutsOff(nodes[0]!.url, last().url, event.id, boothA);
  }, 60_000);

  it('refuses a revoked or replaced token on every node as soon as the organiser is answered, even a node that has not heard of it yet', async () => {
    const { event } = await setupEvent(nodes[0]!.url);
    const deal = () => ({ id: uuid(), amount: 1_000, category: event.categories[0]!.id, seller: 'UMKM Klaster', buyer: 'PT Banua' });
    const listening = await c.listening();
    for (let round = 0; round < 6; round++) {
      const booth = await addBooth(nodes[0]!.url, event.id, `Stan ${round}`);
      // The other node has the token in its cache, as it would mid-event.
      expect((await api(last().url, 'POST', `/api/v1/events/${event.id}/deals`, deal(), booth.token)).status).toBe(201);
      // From the third round on, the nodes do not hear of the change for a while (their LISTEN connections cut).
      if (round >= 2) {
        await eventually(async () => expect(await c.listening()).toBe(listening), 15_000);
        expect(await c.deafen()).toBe(listening);
        await sleep(50);
      }
      const how = round % 2 ? 'rotate' : 'revoke';
      expect((await api(nodes[0]!.url, 'POST', `/api/v1/events/${event.id}/booths/${booth.id}/${how}`, {}, ADMIN_TOKEN)).status).toBe(200);
      const refused = await api(last().url, 'POST', `/api/v1/events/${event.id}/deals`, deal(), booth.token);
      expect(refused, `${how}, round ${round}`).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    }
    expect((await api<{ count: number }>(nodes[0]!.url, 'GET', `/api/v1/events/${event.id}/totals`)).body.count).toBe(6);
    await eventually(async () => expect(await c.listening()).toBe(listening), 15_000);
  }, 60_000);

  it('loses and doubles nothing when a node is killed mid-stream, and every board shows the exact total', async () => {
    const ctx = await setupEvent(nodes[0]!.url);
    const eventId = ctx.event.id;
    const extra = await Promise.all(['Stan C', 'Stan D'].map((name, i) => addBooth(nodes[(1 + i) % count]!.url, eventId, name)));
    const tokens = [ctx.boothA.token, ctx.boothB.token, ...extra.map((b) => b.token)];
    for (const n of nodes) for (let i = 0; i < 2; i++) boards.push(new ClusterBoard(n.url, eventId));
    const category = ctx.event.categories[0]!.id;
    const tablets = tokens.map((t, i) => new ClusterTablet(() => c.urls, eventId, t, category, i % 2 ? 'socket' : 'http', i));
    const running = tablets.map((t) => t.run(40));

    await sleep(1_500);
    await nodes[1]!.stop('SIGKILL');
    await sleep(1_000);
    nodes[1] = await c.spawn(nodes[1]!.port);
    await sleep(1_500);
    for (const t of tablets) t.stop();
    await Promise.all(running);

    const acked = new Map(tablets.flatMap((t) => [...t.acked]));
    expect(acked.size).toBeGreaterThan(60);
    const { total, seq } = await c.expectExactLedger(eventId, acked);
    for (const n of nodes) expect((await api<{ total: number; seq: number }>(n.url, 'GET', `/api/v1/events/${eventId}/totals`)).body).toMatchObject({ total, seq });
    const took = await c.boardsShow(total, 2_000);
    console.log(`cluster (${via}): ${acked.size} deals acked over ${count} nodes, one killed; all ${boards.length} boards exact ${took} ms after the load stopped`);
  }, 150_000);

  it('answers /health 503 while PostgreSQL is down, acks nothing it did not commit, and recovers without a restart', async () => {
    for (const b of boards.splice(0)) b.socket.disconnect();
    const ctx = await setupEvent(last().url);
    const eventId = ctx.event.id;
    for (const n of nodes) boards.push(new ClusterBoard(n.url, eventId));
    const category = ctx.event.categories[0]!.id;
    const tablets = [new ClusterTablet(() => c.urls, eventId, ctx.boothA.token, category, 'http', 0), new ClusterTablet(() => c.urls, eventId, ctx.boothB.token, category, 'socket', 1)];
    const running = tablets.map((t) => t.run(40));
    await sleep(1_000);

    await c.postgres.stop('immediate');
    const ackedBefore = tablets.reduce((s, t) => s + t.acks, 0);
    await sleep(1_500);
    for (const n of nodes) {
      const status = await fetch(`${n.url}/api/v1/health`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, (e: Error) => `${e.message}\n${n.output()}`);
      expect(status).toBe(503);
    }
    // While it is gone, nothing is acknowledged: an ack means a COMMIT returned.
    expect(tablets.reduce((s, t) => s + t.acks, 0)).toBeLessThanOrEqual(ackedBefore + 2);

    await c.postgres.start();
    for (const n of nodes) await eventually(async () => expect((await health(n.url)).status).toBe(200), 15_000);
    await sleep(1_500);
    for (const t of tablets) t.stop();
    await Promise.all(running);

    const acked = new Map(tablets.flatMap((t) => [...t.acked]));
    expect(acked.size).toBeGreaterThan(ackedBefore);
    await c.boardsShow((await c.expectExactLedger(eventId, acked)).total, 2_000);
  }, 150_000);

  if (via === 'redis') {
    it("goes on without Redis (deals, boards, each node's own screens, a node restarted meanwhile), says so on /health, and passes messages again once it is back", async () => {
      for (const b of boards.splice(0)) b.socket.disconnect();
      const ctx = await setupEvent(nodes[0]!.url);
      const eventId = ctx.event.id;
      for (const n of nodes) boards.push(new ClusterBoard(n.url, eventId));
      await c.redis!.stop('SIGKILL');
      for (const n of nodes) await eventually(async () => expect((await health(n.url)).body).toMatchObject({ status: 'degraded', messages: { via: 'redis', reachable: false } }), 10_000);

      // A node stopped and started while Redis is away: it stops cleanly and starts without it.
      await nodes[1]!.stop('SIGTERM');
      expect(nodes[1]!.child.exitCode).toBe(0);
      nodes[1] = await c.spawn(nodes[1]!.port);
      expect((await health(nodes[1]!.url)).body).toMatchObject({ status: 'degraded', messages: { reachable: false } });

      // Deals are acked and every board on every node shows them: the change feed is PostgreSQL's.
      const category = ctx.event.categories[0]!.id;
      const tablet = new ClusterTablet(() => c.urls, eventId, ctx.boothA.token, category, 'http', 1);
      const running = tablet.run(40);
      await sleep(1_000);
      tablet.stop();
      await running;
      await c.boardsShow((await c.expectExactLedger(eventId, tablet.acked)).total, 2_000);

      // The console on node 0 lists and commands its own screens at once; node 1's are out of its reach.
      const screens = await screensOn(c.urls, eventId);
      const revoked = operatorSocket(nodes[0]!.url, ctx.boothB.token);
      const welcomed = nextEvent(revoked, 'operator:session', 10_000);
      try {
        const listed = await listedScreens(nodes[0]!.url, eventId);
        expect(listed).toContain(screens[0]!.id);
        expect(listed).not.toContain(screens[1]!.id);
        await commandReaches(nodes[0]!.url, eventId, screens[0]!);
        // A booth revoked on node 1: node 0 hears of it through PostgreSQL's feed, Redis or not, and cuts its tablet off.
        await welcomed;
        const cut = nextEvent<string>(revoked, 'disconnect', 10_000);
        expect((await api(nodes[1]!.url, 'POST', `/api/v1/events/${eventId}/booths/${ctx.boothB.id}/revoke`, {}, ADMIN_TOKEN)).status).toBe(200);
        expect((await api(nodes[0]!.url, 'POST', `/api/v1/events/${eventId}/deals`, { id: uuid(), amount: 1_000, category, seller: 'UMKM Klaster', buyer: 'PT Banua' }, ctx.boothB.token)).status).toBe(401);
        expect(await cut).toBe('io server disconnect');

        await c.redis!.start();
        for (const n of nodes) await eventually(async () => expect((await health(n.url)).body).toMatchObject({ status: 'ok', messages: { via: 'redis', reachable: true } }), 15_000);
        for (const n of nodes) expect(await listedScreens(n.url, eventId)).toEqual(expect.arrayContaining(screens.map((s) => s.id)));
        await commandReaches(nodes[0]!.url, eventId, screens[1]!);
        await commandReaches(nodes[1]!.url, eventId, screens[0]!);
      } finally {
        for (const s of [...screens, revoked]) s.disconnect();
      }
      await revokeCutsOff(nodes[0]!.url, nodes[1]!.url, eventId, await addBooth(nodes[0]!.url, eventId, 'Stan C'));
    }, 150_000);

    it('notices a Redis that stops answering with its connections left open, and serves each node\'s own screens meanwhile', async () => {
      const { event } = await setupEvent(nodes[0]!.url);
      const screens = await screensOn(c.urls, event.id);
      try {
        c.redis!.freeze();
        try {
          for (const n of nodes) await eventually(async () => expect((await health(n.url)).body).toMatchObject({ status: 'degraded', messages: { reachable: false, code: 'NO_ANSWER' } }), 15_000);
          await commandReaches(nodes[0]!.url, event.id, screens[0]!);
        } finally {
          c.redis!.thaw();
        }
        for (const n of nodes) await eventually(async () => expect((await health(n.url)).body).toMatchObject({ status: 'ok' }), 15_000);
        await commandReaches(nodes[0]!.url, event.id, screens[1]!);
      } finally {
        for (const s of screens) s.disconnect();
      }
    }, 90_000);
  }
});
