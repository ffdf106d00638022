import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import { sleep } from '../support/cluster-nodes.js';

type Totals = { total: number; count: number; seq: number };
type Forwarding = { state: string; ackedSeq: number; behind: number; lastError: { code: string } | null };

const totals = async (url: string, eventId: string) => (await api<Totals>(url, 'GET', `/api/v1/events/${eventId}/totals`)).body;

/** Wait until `check` holds (polled), or fail naming what was last seen. */
async function until<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T;
  do {
    last = await read();
    if (check(last)) return last;
    await sleep(100);
  } while (Date.now() < end);
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

describe('a venue forwards its event to the central', () => {
  let central: TestServer;
  let venue: TestServer;
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => {});
  });

  it('forwards deals and voids, goes on while the central is away, and resumes after either side restarts', async () => {
    central = await startServer();
    servers.push(central);
    const centralEvent = (await setupEvent(central.url)).event;
    const token = (await api<{ token: string }>(central.url, 'POST', `/api/v1/events/${centralEvent.id}/uplink`, {}, ADMIN_TOKEN)).body.token;

    // The venue's own laptop: its event made there first, then started with the uplink.
    const first = await startServer();
    const ctx = await setupEvent(first.url);
    await first.stop();
    const env = { UPLINK_URL: central.url, UPLINK_TOKEN: token, UPLINK_EVENT: ctx.event.id, UPLINK_RETRY_MAX_MS: '300' };
    venue = await startServer({ dataDir: first.dataDir, env });
    servers.push(venue);
    const post = (amount: number) => api<{ deal: { id: string } }>(venue.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount, category: ctx.event.categories[0]!.id, seller: 'UMKM Purun', buyer: 'CV Jaya' }, ctx.boothA.token);
    const converged = async () => {
      const want = await totals(venue.url, ctx.event.id);
      const forwarding = async () => JSON.stringify((await api(venue.url, 'GET', '/api/v1/uplink', undefined, ADMIN_TOKEN)).body);
      return until('central total', () => totals(central.url, centralEvent.id), (t) => t.total === want.total && t.count === want.count).catch(async (e: Error) => {
        throw new Error(`${e.message}; the venue's uplink: ${await forwarding()}`);
      });
    };

    const posted: string[] = [];
    for (let i = 1; i <= 5; i++) posted.push((await post(i * 1_000_000)).body.deal.id);
    expect((await api(venue.url, 'POST', `/api/v1/events/${ctx.event.id}/deals/${posted[1]}/void`, { reason: 'salah ketik' }, ADMIN_TOKEN)).status).toBe(200);
    expect((await converged()).total).toBe(13_000_000);
    const state = await until('venue uplink', async () => (await api<{ forwarding: Forwarding }>(venue.url, 'GET', '/api/v1/uplink', undefined, ADMIN_TOKEN)).body.forwarding, (f) => f.behind === 0);
    expect(state.state).toBe('up');

    // The central goes away: the venue's tablets are answered as before, its console says so.
    const { dataDir, url } = central;
    await central.stop();
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await post(2_000_000)).status).toBe(201);
    expect(Date.now() - started).toBeLessThan(3000);
    const down = await until('venue uplink', async () => (await api<{ forwarding: Forwarding }>(venue.url, 'GET', '/api/v1/uplink', undefined, ADMIN_TOKEN)).body.forwarding, (f) => f.state === 'down');
    expect(down.lastError?.code).toBe('unreachable');
    central = await startServer({ dataDir, port: Number(new URL(url).port) });
    servers.push(central);
    expect((await converged()).total).toBe(23_000_000);

    // The venue restarts (what the central acknowledged is in its ledger) and goes on.
    await venue.stop();
    venue = await startServer({ dataDir: first.dataDir, env });
    servers.push(venue);
    await post(500_000);
    expect(await converged()).toMatchObject({ total: 23_500_000, count: 10 });
    const deals = await api<{ deals: { id: string; status: string }[] }>(central.url, 'GET', `/api/v1/events/${centralEvent.id}/deals`, undefined, ADMIN_TOKEN);
    expect(deals.body.deals).toHaveLength(11);
    expect(deals.body.deals.find((d) => d.id === posted[1])?.status).toBe('voided');
    const link = await api<{ ackedSeq: number; behind: number }>(central.url, 'GET', `/api/v1/events/${centralEvent.id}/uplink`, undefined, ADMIN_TOKEN);
    expect(link.body).toMatchObject({ ackedSeq: (await totals(venue.url, ctx.event.id)).seq, behind: 0 });
  });
});
