import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, uuid } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Ack = { eventId: string; ackedSeq: number; applied: number; replayed?: boolean };
type Status = { ackedSeq: number; headSeq: number; behind: number; lastHeardAt: string | null; revoked: boolean };

// The central: an ordinary event its organiser made, into which a venue's changes are applied.
const fixture = serverWithEvent();
const central = () => fixture.srv.url;
const eventId = () => fixture.ctx.event.id;

/** The venue's own names, as its forwarder sends them (its ids, not the central's). */
const config = {
  name: 'Misi Dagang Kalsel di Banjarmasin',
  venue: 'Banjarmasin',
  target: 2_000_000_000,
  timezone: 'Asia/Makassar',
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  milestones: [0.5, 1],
  categories: [{ id: 'hasil-hutan', name: 'hasil hutan', position: 0 }],
  delegations: [{ id: 'v-jatim', name: 'Jatim', position: 0 }, { id: 'v-kalsel', name: 'Kalsel', position: 1 }],
  booths: [{ id: `vb-${uuid().slice(0, 8)}`, name: 'Stan Ulin', delegation_id: 'v-kalsel' }],
};

const row = (id: string, amount: number, over: Record<string, unknown> = {}) => ({
  id, booth_id: config.booths[0]!.id, amount, category_id: 'hasil-hutan', kind: 'trade', seller: 'UMKM Ulin', seller_key: 'umkm ulin', buyer: 'CV Rejeki',
  seller_delegation_id: 'v-kalsel', buyer_delegation_id: 'v-jatim', quantity: null, unit: null, note: null, content_hash: 'h'.repeat(64),
  created_at: new Date().toISOString(), recorded_at: new Date().toISOString(), status: 'recorded', void_reason: null, voided_at: null, voided_by: null,
  voided_from: null, buyer_state: null, buyer_reason: null, buyer_at: null, ...over,
});
const change = (seq: number, deal: ReturnType<typeof row>) => ({ seq, kind: 'deal', deal });
const send = (token: string, body: Record<string, unknown>) => api<Ack & ErrorBody>(central(), 'POST', '/api/v1/uplink/changes', { eventId: eventId(), ...body }, token);
const totals = async () => (await api<{ total: number; count: number; seq: number }>(central(), 'GET', `/api/v1/events/${eventId()}/totals`)).body;
const issue = async () => (await api<{ token: string }>(central(), 'POST', `/api/v1/events/${eventId()}/uplink`, {}, ADMIN_TOKEN)).body.token;

describe("the central applies a venue's changes exactly once", () => {
  const ids = [uuid(), uuid(), uuid()];
  let token = '';

  it('issues a token shown once, and applies a first batch with the venue’s own ids and names', async () => {
    token = await issue();
    expect(token.length).toBeGreaterThan(30);
    const status = await api<Record<string, unknown>>(central(), 'GET', `/api/v1/events/${eventId()}/uplink`, undefined, ADMIN_TOKEN);
    expect(JSON.stringify(status.body)).not.toContain(token);
    const board = boardSocket(central(), eventId());
    await nextEvent(board, 'board:snapshot');
    const update = nextEvent<{ total: number }>(board, 'board:update');
    const first = await send(token, { fromSeq: 0, toSeq: 3, headSeq: 5, config, changes: ids.map((id, i) => change(i + 1, row(id, 100_000_000 * (i + 1)))) });
    expect(first.body).toEqual({ eventId: eventId(), ackedSeq: 3, applied: 3 });
    expect((await totals()).total).toBe(600_000_000);
    expect((await update).total).toBe(600_000_000);
    board.disconnect();
    const deal = await api<{ deals: { id: string; boothName?: string }[] }>(central(), 'GET', `/api/v1/events/${eventId()}/deals`, undefined, ADMIN_TOKEN);
    expect(deal.body.deals.map((d) => d.id).sort()).toEqual([...ids].sort());
    // The venue's settings the national board shows: its name and target.
    const pub = await api<{ name: string; target: number }>(central(), 'GET', `/api/v1/events/${eventId()}`);
    expect(pub.body).toMatchObject({ name: config.name, target: config.target });
    const after = (await api<Status>(central(), 'GET', `/api/v1/events/${eventId()}/uplink`, undefined, ADMIN_TOKEN)).body;
    expect(after).toMatchObject({ ackedSeq: 3, headSeq: 5, behind: 2, revoked: false });
    expect(Date.now() - Date.parse(after.lastHeardAt!)).toBeLessThan(10_000);
  });

  it('ignores a replayed batch, and refuses a gap, another event and a bad token', async () => {
    const before = await totals();
    const replay = await send(token, { fromSeq: 0, toSeq: 3, headSeq: 5, changes: ids.map((id, i) => change(i + 1, row(id, 100_000_000 * (i + 1)))) });
    expect(replay.body).toEqual({ eventId: eventId(), ackedSeq: 3, applied: 0, replayed: true });
    const gap = await send(token, { fromSeq: 4, toSeq: 5, headSeq: 5, changes: [change(5, row(uuid(), 1))] });
    expect(gap.status).toBe(409);
    expect(gap.body.error).toMatchObject({ code: 'conflict', field: 'fromSeq' });
    expect(gap.body.error.message).toContain('applied up to 3');
    const other = await setupEvent(central());
    const wrong = await api<ErrorBody>(central(), 'POST', '/api/v1/uplink/changes', { eventId: other.event.id, fromSeq: 3, toSeq: 4, headSeq: 4, changes: [change(4, row(uuid(), 1))] }, token);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.field).toBe('eventId');
    const bad = await send('not-a-token-at-all-0123456789', { fromSeq: 3, toSeq: 4, headSeq: 4, changes: [] });
    expect(bad.status).toBe(401);
    const malformed = await send(token, { fromSeq: 3, toSeq: 4, headSeq: 4, changes: [change(9, row(uuid(), 1))] });
    expect(malformed.status).toBe(400);
    expect(await totals()).toEqual(before);
  });

  it('applies a void once, and never an older state over a newer one', async () => {
    const voided = row(ids[0]!, 100_000_000, { status: 'voided', void_reason: 'salah ketik', voided_at: new Date().toISOString(), voided_by: 'desk', voided_from: 'recorded' });
    const fresh = uuid();
    expect((await send(token, { fromSeq: 3, toSeq: 5, headSeq: 5, changes: [change(4, voided), change(5, row(fresh, 7))] })).body).toMatchObject({ ackedSeq: 5, applied: 2 });
    expect((await totals()).total).toBe(500_000_007);
    // Overlapping what was applied (the venue's acknowledgement was lost): the void and the deal are not applied again.
    const overlap = await send(token, { fromSeq: 3, toSeq: 6, headSeq: 6, changes: [change(4, voided), change(5, row(fresh, 7)), change(6, row(uuid(), 3))] });
    expect(overlap.body).toMatchObject({ ackedSeq: 6, applied: 1 });
    expect(await totals()).toMatchObject({ total: 500_000_010, count: 4 });
  });

  it('a revoked token is refused; a reissued one resumes where the central stands', async () => {
    expect((await api(central(), 'DELETE', `/api/v1/events/${eventId()}/uplink`, undefined, ADMIN_TOKEN)).status).toBe(200);
    const cut = await send(token, { fromSeq: 6, toSeq: 7, headSeq: 7, changes: [change(7, row(uuid(), 1))] });
    expect(cut.status).toBe(401);
    const again = await issue();
    expect((await api(central(), 'GET', '/api/v1/uplink/status', undefined, token)).status).toBe(401);
    const where = await api<Status & { eventId: string }>(central(), 'GET', '/api/v1/uplink/status', undefined, again);
    expect(where.body).toMatchObject({ eventId: eventId(), ackedSeq: 6, revoked: false });
    expect((await send(again, { fromSeq: 6, toSeq: 7, headSeq: 7, changes: [change(7, row(uuid(), 1))] })).body).toMatchObject({ ackedSeq: 7, applied: 1 });
    expect((await totals()).total).toBe(500_000_011);
  });
});
