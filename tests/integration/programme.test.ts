import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack, ProgrammeRecap, ProgrammeClientToServerEvents, ProgrammeServerToClientEvents, ProgrammeSnapshot, ProgrammeTotals, ProgrammeUpdate, Totals } from '@dealboard/shared';
import { ADMIN_TOKEN, api, nextEvent, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import { socketsClosedAfterEach } from '../support/event-fixture.js';
import { makeAccount, asConsole, signIn } from '../support/accounts.js';
import { FreshnessBoard } from '../../server/src/programmes/freshness.js';

type ProgrammeSocket = Socket<ProgrammeServerToClientEvents, ProgrammeClientToServerEvents>;
const programmeSocket = (base: string, programmeId: string): ProgrammeSocket => ioClient(`${base}/programme`, { auth: { programmeId }, transports: ['websocket'], forceNew: true, reconnection: false });

const freshness = new FreshnessBoard();
let srv: TestServer;
type Venue = Awaited<ReturnType<typeof setupEvent>>;
let surabaya: Venue;
let banjarmasin: Venue;
const track = socketsClosedAfterEach();

beforeAll(async () => {
  srv = await startServer({ freshness, env: { SIGNIN_RATE_PER_MINUTE: '10000' } });
  surabaya = await setupEvent(srv.url, { name: 'Misi Dagang Surabaya', timezone: 'Asia/Jakarta' });
  banjarmasin = await setupEvent(srv.url, { name: 'Misi Dagang Banjarmasin', timezone: 'Asia/Makassar' });
});
afterAll(() => srv.stop());

const deal = (v: Venue, amount: number) => api(srv.url, 'POST', `/api/v1/events/${v.event.id}/deals`, { id: uuid(), amount, category: v.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'PT Nusantara' }, v.boothA.token);
const totalsOf = async (eventId: string) => (await api<Totals>(srv.url, 'GET', `/api/v1/events/${eventId}/totals`)).body;
const programmeTotals = async (id: string) => (await api<ProgrammeTotals>(srv.url, 'GET', `/api/v1/programmes/${id}/totals`)).body;
async function newProgramme(events: string[]) {
  const res = await api<{ id: string }>(srv.url, 'POST', '/api/v1/programmes', { name: 'Hari Dagang Nasional', target: 5_000_000_000, events }, ADMIN_TOKEN);
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Updates until one satisfies `pred`; every update must build on the one before (or on the snapshot). */
function updatesUntil(socket: ProgrammeSocket, from: number, pred: (u: ProgrammeUpdate) => boolean, ms = 5000): Promise<ProgrammeUpdate[]> {
  const seen: ProgrammeUpdate[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching update; saw ${JSON.stringify(seen.map((u) => [u.fromSeq, u.seq, u.part]))}`)), ms);
    socket.on('programme:update', (u) => {
      expect(u.fromSeq).toBeLessThanOrEqual(seen.at(-1)?.seq ?? from);
      seen.push(u);
      if (pred(u)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}

describe('programmes: several venues, one exact national total', () => {
  it('totals the venues exactly, with each venue’s own seq and figures as its /totals', async () => {
    const id = await newProgramme([surabaya.event.id, banjarmasin.event.id]);
    expect((await deal(surabaya, 250_000_000)).status).toBe(201);
    expect((await deal(banjarmasin, 1_050_000_000)).status).toBe(201);
    expect((await deal(banjarmasin, 7)).status).toBe(201);
    const national = await programmeTotals(id);
    const [a, b] = await Promise.all([totalsOf(surabaya.event.id), totalsOf(banjarmasin.event.id)]);
    expect(national.venues.map((v) => [v.eventId, v.seq, v.total, v.count, v.timezone])).toEqual([
      [surabaya.event.id, a.seq, a.total, a.count, 'Asia/Jakarta'],
      [banjarmasin.event.id, b.seq, b.total, b.count, 'Asia/Makassar'],
    ]);
    expect(national.total).toBe(String(a.total + b.total));
    expect(national.seq).toBe(national.base + a.seq + b.seq);
    expect(national.venues.every((v) => v.freshness.source === 'local')).toBe(true);
  });

  it('shows a venue’s deal on the national board, in the seq chain, and resyncs on request', async () => {
    const id = await newProgramme([surabaya.event.id, banjarmasin.event.id]);
    const board = track(programmeSocket(srv.url, id));
    const snap = await nextEvent<ProgrammeSnapshot>(board, 'programme:snapshot');
    expect(snap.seq).toBe((await programmeTotals(id)).seq);
    const done = updatesUntil(board, snap.seq, (u) => u.changed.some((d) => d.amount === 333_000_000));
    await deal(banjarmasin, 333_000_000);
    const updates = await done;
    const last = updates.at(-1)!;
    expect(last.venues.map((v) => v.eventId)).toContain(banjarmasin.event.id);
    expect(last.changed.find((d) => d.amount === 333_000_000)?.eventId).toBe(banjarmasin.event.id);
    const national = await programmeTotals(id);
    expect([last.seq, last.total]).toEqual([national.seq, national.total]);
    const again = await new Promise<Ack<ProgrammeSnapshot>>((resolve) => board.emit('programme:resync', resolve));
    expect(again.ok && [again.data.seq, again.data.total, again.data.recent[0]?.amount]).toEqual([national.seq, national.total, 333_000_000]);
  });

  it('tells the board at once when a venue falls behind, as a follow-up at the same seq', async () => {
    const id = await newProgramme([surabaya.event.id, banjarmasin.event.id]);
    const board = track(programmeSocket(srv.url, id));
    const snap = await nextEvent<ProgrammeSnapshot>(board, 'programme:snapshot');
    const update = nextEvent<ProgrammeUpdate>(board, 'programme:update');
    freshness.set(banjarmasin.event.id, { source: 'uplink', lastHeardAt: '2026-12-07T08:30:00.000Z', behind: 42, stale: true });
    const u = await update;
    expect([u.seq, u.fromSeq, u.part, u.total]).toEqual([snap.seq, snap.seq, 1, snap.total]);
    expect(u.venues).toEqual([expect.objectContaining({ eventId: banjarmasin.event.id, freshness: { source: 'uplink', lastHeardAt: '2026-12-07T08:30:00.000Z', behind: 42, stale: true } })]);
    expect((await programmeTotals(id)).venues[1]!.freshness.behind).toBe(42);
    freshness.set(banjarmasin.event.id, { source: 'uplink', lastHeardAt: '2026-12-07T08:31:00.000Z', behind: 0, stale: false });
  });

  it('raises the seq on every membership change, audits it, and sends boards a fresh snapshot', async () => {
    const id = await newProgramme([surabaya.event.id]);
    const board = track(programmeSocket(srv.url, id));
    const first = await nextEvent<ProgrammeSnapshot>(board, 'programme:snapshot');
    const added = nextEvent<ProgrammeSnapshot>(board, 'programme:snapshot');
    expect((await api(srv.url, 'POST', `/api/v1/programmes/${id}/events`, { eventId: banjarmasin.event.id }, ADMIN_TOKEN)).status).toBe(201);
    const second = await added;
    expect(second.venues.map((v) => v.eventId)).toEqual([surabaya.event.id, banjarmasin.event.id]);
    expect(second.seq).toBeGreaterThan(first.seq);
    const removed = nextEvent<ProgrammeSnapshot>(board, 'programme:snapshot');
    expect((await api(srv.url, 'DELETE', `/api/v1/programmes/${id}/events/${banjarmasin.event.id}`, undefined, ADMIN_TOKEN)).status).toBe(200);
    const third = await removed;
    expect(third.seq).toBe(second.seq + 1);
    expect(third.total).toBe(String((await totalsOf(surabaya.event.id)).total));
    const twice = await api<{ error: { code: string } }>(srv.url, 'POST', `/api/v1/programmes/${id}/events`, { eventId: surabaya.event.id }, ADMIN_TOKEN);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'conflict']);
    const audit = await api<{ entries: { action: string; actor: string }[] }>(srv.url, 'GET', `/api/v1/programmes/${id}/audit`, undefined, ADMIN_TOKEN);
    expect(audit.body.entries.map((e) => e.action)).toEqual(['programme.remove_event', 'programme.add_event', 'programme.add_event', 'programme.create']);
    const eventAudit = await api<{ entries: { action: string; subject: string }[] }>(srv.url, 'GET', `/api/v1/events/${banjarmasin.event.id}/audit`, undefined, ADMIN_TOKEN);
    expect(eventAudit.body.entries.filter((e) => e.subject === id).map((e) => e.action)).toEqual(['programme.remove_event', 'programme.add_event']);
  });

  it('refuses an unknown event, an unknown programme, a viewer and an account limited to some events', async () => {
    const unknown = await api<{ error: { code: string; field?: string } }>(srv.url, 'POST', '/api/v1/programmes', { name: 'X', target: 1000, events: ['no-such-event'] }, ADMIN_TOKEN);
    expect([unknown.status, unknown.body.error.field]).toEqual([404, 'eventId']);
    expect((await api(srv.url, 'GET', '/api/v1/programmes/none/totals')).status).toBe(404);
    const nowhere = track(programmeSocket(srv.url, 'none'));
    expect((await nextEvent<Error>(nowhere, 'connect_error')).message).toBe('not_found');
    await makeAccount(srv.url, 'Pemantau Nasional', 'viewer');
    await makeAccount(srv.url, 'Pemilik Surabaya', 'owner', [surabaya.event.id]);
    for (const name of ['Pemantau Nasional', 'Pemilik Surabaya']) {
      const { cookie } = await signIn(srv.url, name);
      const res = await asConsole<{ error: { code: string } }>(srv.url, cookie, 'POST', '/api/v1/programmes', { name: 'X', target: 1000 });
      expect([res.status, res.body.error.code]).toEqual([403, 'role_forbidden']);
    }
  });

  it('will not delete an event while a programme counts it', async () => {
    const spare = await setupEvent(srv.url, { name: 'Cadangan' });
    await newProgramme([spare.event.id]);
    const res = await api<{ error: { code: string } }>(srv.url, 'DELETE', `/api/v1/events/${spare.event.id}`, { confirm: spare.event.id }, ADMIN_TOKEN);
    expect([res.status, res.body.error.code]).toEqual([409, 'conflict']);
  });

  it('writes the national recap per pukul … WIB with each venue in its own zone, and CSV/XLSX with a row per venue that add up to it', async () => {
    const id = await newProgramme([surabaya.event.id, banjarmasin.event.id]);
    const recap = (await api<ProgrammeRecap>(srv.url, 'GET', `/api/v1/programmes/${id}/recap`, undefined, ADMIN_TOKEN)).body;
    expect(recap.asOfLabel).toMatch(/per pukul \d{2}\.\d{2} WIB$/);
    expect(recap.venues.map((v) => [v.zone, /per pukul \d{2}\.\d{2} (WIB|WITA)$/.exec(v.localAsOfLabel)?.[1]])).toEqual([['WIB', 'WIB'], ['WITA', 'WITA']]);
    expect(recap.total).toBe(String(recap.venues.reduce((n, v) => n + v.total, 0)));
    expect((await api(srv.url, 'GET', `/api/v1/programmes/${id}/recap`)).status).toBe(401);

    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const csv = (await (await fetch(`${srv.url}/api/v1/programmes/${id}/export.csv`, { headers })).text()).replace(/^\uFEFF/, '');
    const [national, venues] = csv.trim().split('\r\n\r\n') as [string, string];
    expect(national.split('\r\n')[2]!.split(',').slice(0, 2)).toEqual(['Total nasional', recap.total]);
    // Cells in quotes may hold commas ("7 Desember 2026, per pukul …").
    const cells = (l: string) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1);
    const [header, ...rows] = venues.split('\r\n').map(cells);
    const amount = header!.indexOf('Nilai Rp (angka)');
    expect(rows.map((r) => r[0])).toEqual(['Misi Dagang Surabaya', 'Misi Dagang Banjarmasin']);
    expect(String(rows.reduce((n, r) => n + Number(r[amount]), 0))).toBe(recap.total);

    const xlsx = await fetch(`${srv.url}/api/v1/programmes/${id}/export.xlsx`, { headers });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Nasional')!.getRow(3).getCell(2).value).toBe(Number(recap.total));
    const sheet = wb.getWorksheet('Per venue')!;
    expect(sheet.rowCount).toBe(3);
    expect(Number(sheet.getRow(2).getCell(amount + 1).value) + Number(sheet.getRow(3).getCell(amount + 1).value)).toBe(Number(recap.total));
  });
});
