import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api } from '../support/server.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { ClusterNodes, sleep } from '../support/cluster-nodes.js';
import { TEST_STORE } from '../support/store.js';
import { CutProxy, Tablet, Venue, centralEventFor, expectMirrored } from '../support/uplink-venues.js';

type ProgrammeTotals = { total: string; venues: { eventId: string; total: number; freshness: { source: string; stale: boolean } }[] };

/**
 * A national day: three venues on their own laptops (SQLite), tablets posting at each, forwarding
 * to one central: a SQLite node, or (in the PostgreSQL suite) a cluster of two nodes, the venues
 * split between them. The uplinks are cut for 30 s, a venue and a central node are killed mid-way,
 * a token is revoked and reissued; afterwards the central holds each venue's deals exactly.
 */
describe(`three venues forward to one central (${TEST_STORE === 'postgres' ? 'PostgreSQL, two nodes' : 'SQLite'})`, () => {
  const pg = TEST_STORE === 'postgres';
  const cluster = pg ? new ClusterNodes('postgres') : undefined;
  let single: ServerProcess | undefined;
  const centralNodes = () => (cluster ? cluster.nodes : [single!]);
  const proxies = [0, 1].map((n) => new CutProxy(() => centralNodes()[pg ? n : 0]!.port));
  const venues = [new Venue(), new Venue(), new Venue()];
  const tablets = venues.map((v) => new Tablet(v));

  afterAll(async () => {
    await Promise.all(tablets.map((t) => t.stop()));
    for (const p of proxies) p.close();
    await Promise.all(venues.map((v) => v.proc?.stop('SIGKILL')));
    if (cluster) await cluster.destroy();
    else await single?.stop('SIGKILL');
  });

  it('the central total equals the sum of the venues exactly, no deal lost or doubled, every void applied', { timeout: 240_000 }, async () => {
    if (cluster) await cluster.start(2);
    else single = await spawnServer();
    const central = () => centralNodes()[0]!.url;
    const uplinkUrls = await Promise.all(proxies.map((p) => p.start()));
    const copies = await Promise.all(venues.map(() => centralEventFor(central())));
    const programme = await api<{ id: string }>(central(), 'POST', '/api/v1/programmes', { name: 'Hari Dagang Nasional', target: 10_000_000_000, events: copies.map((c) => c.id) }, ADMIN_TOKEN);
    expect(programme.status).toBe(201);
    const national = async () => (await api<ProgrammeTotals>(central(), 'GET', `/api/v1/programmes/${programme.body.id}/totals`)).body;
    // Venue 1 forwards to the second node of a cluster.
    await Promise.all(venues.map((v, i) => v.start(uplinkUrls[pg && i === 1 ? 1 : 0]!, copies[i]!.token)));
    tablets.forEach((t) => t.start(8));
    await sleep(3000);

    // The uplinks are cut for 30 s: every venue takes its deals as before; the national board shows them stale.
    for (const p of proxies) p.setCut(true);
    await sleep(15_000);
    expect((await Promise.all(venues.map((v) => v.forwarding()))).map((f) => f.state)).toEqual(['down', 'down', 'down']);
    expect((await national()).venues.map((v) => v.freshness)).toEqual(copies.map(() => ({ source: 'uplink', stale: true, lastHeardAt: expect.any(String), behind: expect.any(Number) })));
    await sleep(15_000);
    expect(Math.max(...tablets.map((t) => t.slowestMs))).toBeLessThan(2000);
    for (const p of proxies) p.setCut(false);

    // The central (a node of the cluster) is killed while it applies the venues' backlog, then a venue mid-forward.
    await sleep(300);
    const node = centralNodes()[0]!;
    await node.stop('SIGKILL');
    const again = cluster ? await cluster.spawn(node.port) : await spawnServer({ dataDir: node.dataDir, port: node.port });
    if (cluster) cluster.nodes[0] = again;
    else single = again;
    await sleep(300);
    await venues[0]!.proc.stop('SIGKILL');
    await venues[0]!.restart(copies[0]!.token);

    // Venue 2's token is revoked (it is refused and keeps its deals), then a new one is issued and the venue restarted with it.
    expect((await api(central(), 'DELETE', `/api/v1/events/${copies[2]!.id}/uplink`, undefined, ADMIN_TOKEN)).status).toBe(200);
    const refused = await waitFor(() => venues[2]!.forwarding(), (f) => f.state === 'refused');
    expect(refused.state).toBe('refused');
    const reissued = (await api<{ token: string }>(central(), 'POST', `/api/v1/events/${copies[2]!.id}/uplink`, {}, ADMIN_TOKEN)).body.token;
    await venues[2]!.proc.stop('SIGKILL');
    await venues[2]!.restart(reissued);
    await sleep(2000);

    await Promise.all(tablets.map((t) => t.stop()));
    const totals = [];
    for (const [i, v] of venues.entries()) totals.push(await expectMirrored(v, tablets[i]!, central(), copies[i]!.id, 60_000));
    const sum = totals.reduce((s, t) => s + t, 0);
    expect(tablets.every((t) => t.voided.size > 0)).toBe(true);
    // The national total, on every node of the central, is the venues' sum exactly, and none is stale any more.
    for (const n of centralNodes()) {
      const figures = (await api<ProgrammeTotals>(n.url, 'GET', `/api/v1/programmes/${programme.body.id}/totals`)).body;
      expect(figures.total).toBe(String(sum));
    }
    const fresh = await waitFor(national, (t) => t.venues.every((v) => !v.freshness.stale));
    expect(fresh.venues.map((v) => v.freshness.stale)).toEqual([false, false, false]);
  });
});

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await sleep(200);
    v = await read();
  }
  return v;
}
