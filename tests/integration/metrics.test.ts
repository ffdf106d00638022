import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, operatorSocket, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import { freePort, spawnServer } from '../support/process.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

/** `name{labels} value` lines of the Prometheus text format, as a lookup by the full series name. */
function parse(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

async function scrape(url: string, token?: string) {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('GET /metrics', () => {
  it('needs the admin token', async () => {
    expect((await scrape(srv.url)).status).toBe(401);
    expect((await scrape(srv.url, 'not-the-admin-token-at-all')).status).toBe(401);
  });

  it('counts deals by outcome, times their acks, and reports sockets, commits and bytes sent', async () => {
    const ctx = await setupEvent(srv.url);
    const cat = ctx.event.categories[0]!.id;
    const deal = () => ({ id: uuid(), amount: 3_000_000, category: cat, seller: 'UMKM Rotan', buyer: 'CV Banua' });
    const boards = [boardSocket(srv.url, ctx.event.id), boardSocket(srv.url, ctx.event.id)];
    await Promise.all(boards.map((b) => nextEvent(b, 'board:snapshot')));
    const tablet = operatorSocket(srv.url, ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const before = parse((await scrape(srv.url, ADMIN_TOKEN)).text);

    const first = deal();
    const post = (d: unknown) => api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, d, ctx.boothB.token);
    expect((await post(first)).status).toBe(201);
    expect((await post(deal())).status).toBe(201);
    expect((await post(first)).status).toBe(200); // a resend
    expect((await post({ ...first, amount: 1 })).status).toBe(409); // same id, other content
    expect((await post({ ...deal(), amount: -5 })).status).toBe(400);
    expect((await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, deal(), 'not-a-booth-token-at-all')).status).toBe(401);
    const update = nextEvent(boards[0]!, 'board:update');
    for (let i = 0; i < 3; i++) expect((await tablet.timeout(5000).emitWithAck('deal:submit', deal())).ok).toBe(true);
    await update;
    await new Promise((r) => setTimeout(r, 300)); // the last coalesced update goes out

    const res = await scrape(srv.url, ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parse(res.text);
    const delta = (name: string) => (m.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(delta('dealboard_deals_accepted_total{duplicate="false"}')).toBe(5);
    expect(delta('dealboard_deals_accepted_total{duplicate="true"}')).toBe(1);
    expect(delta('dealboard_deals_refused_total{reason="conflict"}')).toBe(1);
    expect(delta('dealboard_deals_refused_total{reason="validation_failed"}')).toBe(1);
    expect(delta('dealboard_deals_refused_total{reason="unauthorized"}')).toBe(1);
    // Timed: the deals that reached the intake (the unauthorized one never did).
    expect(delta('dealboard_deal_ack_seconds_count')).toBe(8);
    expect(delta('dealboard_deal_ack_seconds_bucket{le="+Inf"}')).toBe(8);
    expect(delta('dealboard_group_commit_deals_total')).toBeGreaterThanOrEqual(5);
    expect(delta('dealboard_group_commits_total')).toBeGreaterThanOrEqual(1);
    expect(delta('dealboard_group_commits_total')).toBeLessThanOrEqual(delta('dealboard_group_commit_deals_total'));
    expect(m.get('dealboard_board_sockets')).toBe(2);
    expect(m.get('dealboard_tablet_sockets')).toBe(1);
    // Both boards got at least one update; the bytes are those frames.
    expect(delta('dealboard_board_updates_sent_total')).toBeGreaterThanOrEqual(2);
    expect(delta('dealboard_board_update_bytes_sent_total')).toBeGreaterThan(50 * delta('dealboard_board_updates_sent_total'));
    expect(m.get('dealboard_store_errors_total')).toBe(0);
    expect(m.has('nodejs_eventloop_lag_seconds')).toBe(true);
    expect(m.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);

    for (const b of boards) b.close();
    tablet.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(parse((await scrape(srv.url, ADMIN_TOKEN)).text).get('dealboard_board_sockets')).toBe(0);
  });

  it('METRICS_PORT serves /metrics on its own port without a token; the main port still asks for one', async () => {
    const metricsPort = await freePort();
    const proc = await spawnServer({ env: { METRICS_PORT: String(metricsPort) } });
    try {
      const side = await scrape(`http://127.0.0.1:${metricsPort}`);
      expect(side.status).toBe(200);
      expect(side.text).toContain('dealboard_deals_accepted_total');
      expect((await fetch(`http://127.0.0.1:${metricsPort}/api/v1/health`)).status).toBe(404);
      expect((await scrape(proc.url)).status).toBe(401);
    } finally {
      await proc.stop();
    }
  });
});
