// Three real server processes on one PostgreSQL, as a cluster runs behind a load balancer:
// tablets spread over the nodes (HTTP and socket), boards on every node; one node is killed
// with SIGKILL mid-stream and started again, then PostgreSQL itself is restarted mid-stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ClusterBoard, ClusterTablet } from '../support/cluster-load.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent } from '../support/server.js';

let cluster: PostgresCluster;
let databaseUrl: string;
const nodes: ServerProcess[] = [];
const boards: ClusterBoard[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  cluster = await startPostgres();
  databaseUrl = await cluster.createDatabase('cluster');
  // Started together: one migrates under the advisory lock, the others wait for it.
  nodes.push(...(await Promise.all([0, 1, 2].map(() => spawnServer({ env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } })))));
}, 120_000);

afterAll(async () => {
  for (const b of boards) b.socket.disconnect();
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  await cluster?.destroy();
}, 60_000);

/** What the ledger holds, read from PostgreSQL itself. */
async function ledgerState(eventId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deals = await client.query<{ id: string; amount: string; seq: number }>('select id, amount, seq from deals where event_id = $1 order by seq', [eventId]);
    const event = await client.query<{ seq: number }>('select seq from events where id = $1', [eventId]);
    return { deals: deals.rows.map((r) => ({ id: r.id, amount: Number(r.amount), seq: r.seq })), seq: event.rows[0]!.seq };
  } finally {
    await client.end();
  }
}

/** Every board on every node shows `total` within `ms`; returns how long it took. */
async function boardsShow(total: number, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (boards.every((b) => b.total === total)) return Date.now() - started;
    await sleep(25);
  }
  throw new Error(`boards show ${boards.map((b) => b.total).join(', ')}, the ledger ${total}`);
}

function expectExactLedger(state: Awaited<ReturnType<typeof ledgerState>>, acked: Map<string, number>, startSeq: number) {
  const ids = state.deals.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length); // 0 doubled
  for (const id of acked.keys()) expect(ids).toContain(id); // 0 lost
  expect(state.deals).toHaveLength(acked.size);
  // seq: one per accepted change, no gap, no repeat (the event's config changes take none here).
  expect(state.deals.map((d) => d.seq)).toEqual(Array.from({ length: state.deals.length }, (_, i) => startSeq + i + 1));
  expect(state.seq).toBe(startSeq + state.deals.length);
}

describe('a cluster of three nodes on one PostgreSQL', () => {
  it("lists every node's screens in the console, whichever node it asks, and commands a screen on another node", async () => {
    const { event } = await setupEvent(nodes[0]!.url);
    const screens = nodes.map((n) => boardSocket(n.url, event.id));
    try {
      await Promise.all(screens.map((s) => nextEvent(s, 'board:snapshot', 15_000)));
      for (const n of nodes) {
        const listed = await api<{ screens: { id: string }[] }>(n.url, 'GET', `/api/v1/events/${event.id}/screens`, undefined, ADMIN_TOKEN);
        expect(listed.body.screens.map((s) => s.id).sort()).toEqual(screens.map((s) => s.id).sort());
      }
      // The console talks to node 0; the screen is on node 2.
      const command = nextEvent<{ command: string }>(screens[2]!, 'board:command', 10_000);
      const told = await api<{ told: number }>(nodes[0]!.url, 'POST', `/api/v1/events/${event.id}/screens/command`, { command: 'reload', screenId: screens[2]!.id }, ADMIN_TOKEN);
      expect(told.body.told).toBe(1);
      expect((await command).command).toBe('reload');
    } finally {
      for (const s of screens) s.disconnect();
    }
  }, 60_000);

  it('loses and doubles nothing when a node is killed mid-stream, and every board shows the exact total', async () => {
    const urls = () => nodes.map((n) => n.url);
    const ctx = await setupEvent(nodes[0]!.url);
    const eventId = ctx.event.id;
    const extra = await Promise.all(['Stan C', 'Stan D'].map(async (name, i) => (await api<{ token: string }>(nodes[1 + i]!.url, 'POST', `/api/v1/events/${eventId}/booths`, { name, delegation: 'Jatim' }, ADMIN_TOKEN)).body.token));
    const tokens = [ctx.boothA.token, ctx.boothB.token, ...extra];
    for (const n of nodes) for (let i = 0; i < 2; i++) boards.push(new ClusterBoard(n.url, eventId));
    const category = ctx.event.categories[0]!.id;
    const tablets = tokens.map((t, i) => new ClusterTablet(urls, eventId, t, category, i % 2 ? 'socket' : 'http', i));
    const running = tablets.map((t) => t.run(40));

    await sleep(1_500);
    await nodes[1]!.stop('SIGKILL');
    await sleep(1_000);
    nodes[1] = await spawnServer({ port: nodes[1]!.port, env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } });
    await sleep(1_500);
    for (const t of tablets) t.stop();
    await Promise.all(running);

    const acked = new Map(tablets.flatMap((t) => [...t.acked]));
    expect(acked.size).toBeGreaterThan(60);
    const state = await ledgerState(eventId);
    expectExactLedger(state, acked, 0);
    const total = [...acked.values()].reduce((s, a) => s + a, 0);
    expect(state.deals.reduce((s, d) => s + d.amount, 0)).toBe(total);
    for (const n of nodes) expect((await api<{ total: number; seq: number }>(n.url, 'GET', `/api/v1/events/${eventId}/totals`)).body).toMatchObject({ total, seq: state.seq });
    const took = await boardsShow(total, 2_000);
    console.log(`cluster: ${acked.size} deals acked over 3 nodes, one killed; all ${boards.length} boards exact ${took} ms after the load stopped`);
  }, 150_000);

  it('answers /health 503 while PostgreSQL is down, acks nothing it did not commit, and recovers without a restart', async () => {
    const urls = () => nodes.map((n) => n.url);
    for (const b of boards.splice(0)) b.socket.disconnect();
    const ctx = await setupEvent(nodes[2]!.url);
    const eventId = ctx.event.id;
    for (const n of nodes) boards.push(new ClusterBoard(n.url, eventId));
    const category = ctx.event.categories[0]!.id;
    const tablets = [new ClusterTablet(urls, eventId, ctx.boothA.token, category, 'http', 0), new ClusterTablet(urls, eventId, ctx.boothB.token, category, 'socket', 1)];
    const running = tablets.map((t) => t.run(40));
    await sleep(1_000);

    await cluster.stop('immediate');
    const ackedBefore = tablets.reduce((s, t) => s + t.acks, 0);
    await sleep(1_500);
    for (const n of nodes) {
      const status = await fetch(`${n.url}/api/v1/health`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, (e: Error) => `${e.message}\n${n.output()}`);
      expect(status).toBe(503);
    }
    // While it is gone, nothing is acknowledged: an ack means a COMMIT returned.
    expect(tablets.reduce((s, t) => s + t.acks, 0)).toBeLessThanOrEqual(ackedBefore + 2);

    await cluster.start();
    const deadline = Date.now() + 15_000;
    for (const n of nodes) {
      while ((await fetch(`${n.url}/api/v1/health`).then((r) => r.status, () => 0)) !== 200) {
        if (Date.now() > deadline) throw new Error('a node did not recover');
        await sleep(200);
      }
    }
    await sleep(1_500);
    for (const t of tablets) t.stop();
    await Promise.all(running);

    const acked = new Map(tablets.flatMap((t) => [...t.acked]));
    expect(acked.size).toBeGreaterThan(ackedBefore);
    const state = await ledgerState(eventId);
    expectExactLedger(state, acked, 0);
    const total = [...acked.values()].reduce((s, a) => s + a, 0);
    await boardsShow(total, 2_000);
  }, 150_000);
});
