import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { decodeUpdate, type Ack, type BoardSnapshot, type BoardUpdate, type BoothDeals, type Deal } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, operatorSocket, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

type ErrorBody = { error: { code: string; field?: string } };
let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
const A = ADMIN_TOKEN;
beforeAll(async () => {
  srv = await startServer();
  ctx = await setupEvent(srv.url);
});
afterAll(() => srv.stop());

const path = (p: string) => `/api/v1/events/${ctx.event.id}${p}`;
const deal = (over: Record<string, unknown> = {}) => ({ id: uuid(), amount: 10_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'CV Maju', ...over });
const post = (token: string, body: Record<string, unknown>) => api<{ deal: Deal }>(srv.url, 'POST', path('/deals'), body, token);
const totals = async () => (await api<{ total: number; count: number; seq: number; pending: { count: number; total: number } }>(srv.url, 'GET', path('/totals'))).body;

describe('console sign-in', () => {
  it('sets an httpOnly SameSite=Strict cookie that works for admin calls, and signs out', async () => {
    const bad = await fetch(`${srv.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'nope-nope-nope-nope' }) });
    expect(bad.status).toBe(401);
    const res = await fetch(`${srv.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: A }) });
    expect(res.status).toBe(204);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0]!;
    const events = await fetch(`${srv.url}/api/v1/events`, { headers: { cookie: session } });
    expect(events.status).toBe(200);
    await fetch(`${srv.url}/api/v1/admin/session`, { method: 'DELETE', headers: { cookie: session } });
    expect((await fetch(`${srv.url}/api/v1/events`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('rate limits sign-in attempts per address', async () => {
    const limited = await startServer({ env: { SIGNIN_RATE_PER_MINUTE: '1' } });
    try {
      const codes = [];
      for (let i = 0; i < 7; i++) codes.push((await api(limited.url, 'POST', '/api/v1/admin/session', { token: 'wrong-wrong-wrong-wrong' })).status);
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(codes.slice(5)).toEqual([429, 429]);
    } finally {
      await limited.stop();
    }
  });
});

describe('events', () => {
  it('edits config, settings and categories; refuses without the token; logs before and after', async () => {
    expect((await api(srv.url, 'PATCH', path(''), { target: 2_000_000_000 })).status).toBe(401);
    const r = await api<{ target: number; venue: string; settings: { sellerPrivacy: string; branding: { primaryColor?: string } }; categories: { id: string; name: string }[] }>(
      srv.url, 'PATCH', path(''),
      { target: 2_000_000_000, venue: 'Grand City Surabaya', settings: { sellerPrivacy: 'category', branding: { primaryColor: '#0f766e', theme: 'dark' } }, categories: [...ctx.event.categories, { name: 'kerajinan' }] },
      A,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ target: 2_000_000_000, venue: 'Grand City Surabaya', settings: { sellerPrivacy: 'category', branding: { primaryColor: '#0f766e' } } });
    expect(r.body.categories.map((c) => c.name)).toContain('kerajinan');
    const bad = await api<ErrorBody>(srv.url, 'PATCH', path(''), { settings: { sellerPrivacy: 'everyone' } }, A);
    expect(bad.status).toBe(400);
    const audit = await api<{ entries: { action: string; actor: string; before: { target?: number }; after: { target?: number } }[] }>(srv.url, 'GET', path('/audit'), undefined, A);
    const edit = audit.body.entries.find((e) => e.action === 'event.update');
    expect(edit).toMatchObject({ actor: 'admin (API)', before: { target: 1_300_000_000 }, after: { target: 2_000_000_000 } });
  });

  it('refuses to remove a category that deals use', async () => {
    await post(ctx.boothA.token, deal());
    const r = await api<ErrorBody>(srv.url, 'PATCH', path(''), { categories: ctx.event.categories.slice(1) }, A);
    expect(r.status).toBe(409);
  });

  it('moves status draft → live ⇄ paused → closed, refuses deals when not live, and logs a reopening', async () => {
    const other = await setupEvent(srv.url, { status: 'draft' });
    const st = (s: string) => api<{ status: string } & ErrorBody>(srv.url, 'POST', `/api/v1/events/${other.event.id}/status`, { status: s }, A);
    expect((await st('paused')).status).toBe(409);
    expect((await st('live')).body.status).toBe('live');
    expect((await st('paused')).body.status).toBe('paused');
    const refused = await api<ErrorBody>(srv.url, 'POST', `/api/v1/events/${other.event.id}/deals`, { ...deal(), category: other.event.categories[0]!.id }, other.boothA.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('event_not_live');
    expect((await st('closed')).body.status).toBe('closed');
    expect((await st('live')).body.status).toBe('live');
    const audit = await api<{ entries: { action: string }[] }>(srv.url, 'GET', `/api/v1/events/${other.event.id}/audit`, undefined, A);
    expect(audit.body.entries.map((e) => e.action)).toContain('event.reopen');
    expect((await api(srv.url, 'POST', `/api/v1/events/${other.event.id}/status`, { status: 'live' }, 'wrong-wrong-wrong-wrong')).status).toBe(401);
  });
});

describe('booths', () => {
  it('renames, revokes (tablet refused and cut off) and rotates (old token dead, new one works)', async () => {
    const b = await api<{ id: string; token: string }>(srv.url, 'POST', path('/booths'), { name: 'Stan Tmp', delegation: 'Jatim' }, A);
    const renamed = await api<{ name: string }>(srv.url, 'PATCH', path(`/booths/${b.body.id}`), { name: 'Stan Madu' }, A);
    expect(renamed.body.name).toBe('Stan Madu');
    const tablet = operatorSocket(srv.url, b.body.token);
    await nextEvent(tablet, 'operator:session');
    const cut = nextEvent(tablet, 'disconnect');
    expect((await api(srv.url, 'POST', path(`/booths/${b.body.id}/revoke`), {}, A)).status).toBe(200);
    await cut;
    expect((await post(b.body.token, deal())).status).toBe(401);
    const rotated = await api<{ token: string; joinUrl: string; revoked: boolean }>(srv.url, 'POST', path(`/booths/${b.body.id}/rotate`), {}, A);
    expect(rotated.body.revoked).toBe(false);
    expect(rotated.body.joinUrl).toContain(rotated.body.token);
    expect((await post(b.body.token, deal())).status).toBe(401);
    expect((await post(rotated.body.token, deal())).status).toBe(201);
    const list = await api<{ booths: { id: string; name: string; deals: number }[] }>(srv.url, 'GET', path('/booths'), undefined, A);
    expect(list.body.booths.find((x) => x.id === b.body.id)).toMatchObject({ name: 'Stan Madu', deals: 1 });
  });

  it('prints a QR sheet with the booths\' current join links, cutting no tablet off', async () => {
    const sheet = await api<{ booths: { id: string; name: string; joinUrl: string; qrSvg: string }[] }>(srv.url, 'POST', path('/booths/sheet'), { boothIds: [ctx.boothB.id] }, A);
    expect(sheet.body.booths).toHaveLength(1);
    expect(sheet.body.booths[0]!.qrSvg).toMatch(/^<svg/);
    expect(sheet.body.booths[0]!.joinUrl.split('/join/')[1]).toBe(ctx.boothB.token);
    expect((await post(ctx.boothB.token, deal())).status).toBe(201);
  });
});

describe('deals', () => {
  it('lists with filters, voids and restores with totals following', async () => {
    const d = (await post(ctx.boothA.token, deal({ amount: 77_000_000, seller: 'Madu Kelulut Loksado', kind: 'investment' }))).body.deal;
    const found = await api<{ deals: Deal[]; matched: number }>(srv.url, 'GET', path(`/deals?q=kelulut&kind=investment&booth=${ctx.boothA.id}`), undefined, A);
    expect(found.body.deals.map((x) => x.id)).toEqual([d.id]);
    const before = await totals();
    await api(srv.url, 'POST', path(`/deals/${d.id}/void`), { reason: 'pembeli batal' }, A);
    expect((await totals()).total).toBe(before.total - 77_000_000);
    const voided = await api<{ deals: Deal[] }>(srv.url, 'GET', path('/deals?status=voided'), undefined, A);
    expect(voided.body.deals.map((x) => x.id)).toContain(d.id);
    const restored = await api<{ deal: Deal }>(srv.url, 'POST', path(`/deals/${d.id}/restore`), {}, A);
    expect(restored.body.deal.status).toBe('recorded');
    expect((await totals()).total).toBe(before.total);
    expect((await api(srv.url, 'POST', path(`/deals/${d.id}/restore`), {}, A)).status).toBe(409);
  });

  it('holds large deals for approval when the event asks: not counted, then counted once approved', async () => {
    await api(srv.url, 'PATCH', path(''), { settings: { approvalRequired: true, approvalThreshold: 500_000_000 } }, A);
    const board = boardSocket(srv.url, ctx.event.id);
    const snap = await nextEvent<BoardSnapshot>(board, 'board:snapshot');
    const before = await totals();
    const big = (await post(ctx.boothA.token, deal({ amount: 600_000_000 }))).body.deal;
    expect(big.status).toBe('pending');
    const mid = await totals();
    expect(mid.total).toBe(before.total);
    expect(mid.pending).toEqual({ count: 1, total: 600_000_000 });
    const update = new Promise<BoardUpdate>((resolve) => board.on('board:update', (u: BoardUpdate) => u.total === before.total + 600_000_000 && resolve(u)));
    expect((await api(srv.url, 'POST', path(`/deals/${big.id}/approve`), {}, A)).status).toBe(200);
    expect(decodeUpdate(await update, snap.keys)!.deals[0]).toMatchObject({ id: big.id, amount: 600_000_000, status: 'recorded' });
    expect((await totals()).pending.count).toBe(0);
    board.disconnect();
    await api(srv.url, 'PATCH', path(''), { settings: { approvalRequired: false } }, A);
  });

  it('lets a tablet list its deals and void its own recent deal, not another booth’s', async () => {
    const tablet = operatorSocket(srv.url, ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const mine = (await post(ctx.boothA.token, deal({ amount: 3_000_000 }))).body.deal;
    const theirs = (await post(ctx.boothB.token, deal({ amount: 4_000_000 }))).body.deal;
    const list = await new Promise<Ack<BoothDeals>>((r) => tablet.emit('booth:deals', r));
    expect(list.ok && list.data.deals.some((x) => x.id === mine.id)).toBe(true);
    expect(list.ok && list.data.deals.some((x) => x.id === theirs.id)).toBe(false);
    const v = await new Promise<Ack<{ deal: Deal }>>((r) => tablet.emit('deal:void', { dealId: mine.id, reason: 'salah ketik' }, r));
    expect(v).toMatchObject({ ok: true, data: { deal: { status: 'voided', voidedBy: 'booth: Stan A' } } });
    const w = await new Promise<Ack<{ deal: Deal }>>((r) => tablet.emit('deal:void', { dealId: theirs.id, reason: 'iseng' }, r));
    expect(w).toMatchObject({ ok: false, error: { code: 'not_found' } });
    tablet.disconnect();
  });
});

describe('reports and screens', () => {
  it('exports CSV and XLSX whose rows and sums match the ledger', async () => {
    const t = await totals();
    const csv = await fetch(`${srv.url}${path('/export.csv')}`, { headers: { authorization: `Bearer ${A}` } });
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="transaksi-/);
    // The deals come first; the summary (and MoUs, if any) follow after a blank line.
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n\r\n')[0]!.trim().split('\r\n');
    const header = lines[0]!.split(',');
    const amountCol = header.indexOf('Nilai Rp (angka)');
    const statusCol = header.indexOf('Status');
    const rows = lines.slice(1).map((l) => l.split(','));
    const sum = rows.filter((r) => r[statusCol] === 'tercatat').reduce((s, r) => s + Number(r[amountCol]), 0);
    expect(sum).toBe(t.total);

    const xlsx = await fetch(`${srv.url}${path('/export.xlsx')}`, { headers: { authorization: `Bearer ${A}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Transaksi')!;
    expect(sheet.rowCount - 1).toBe(rows.length);
    let xsum = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(statusCol + 1).value === 'tercatat') xsum += Number(row.getCell(amountCol + 1).value);
    });
    expect(xsum).toBe(t.total);
    expect(wb.getWorksheet('Ringkasan')!.getRow(4).getCell(2).value).toBe(t.total);
    expect((await fetch(`${srv.url}${path('/export.csv')}`)).status).toBe(401);
  });

  it('gives a recap stamped in the event zone', async () => {
    const r = await api<{ asOfLabel: string; totals: { total: number }; byCategory: { name: string }[] }>(srv.url, 'GET', path('/recap'), undefined, A);
    expect(r.body.asOfLabel).toMatch(/per pukul \d\d\.\d\d WITA$/);
    expect(r.body.byCategory[0]!.name).toBe('hasil hutan');
  });

  it('lists connected screens with how far behind they are, and sends them commands', async () => {
    const board = boardSocket(srv.url, ctx.event.id);
    await nextEvent(board, 'board:snapshot');
    board.emit('board:status', { seq: 1, layout: 'hero' });
    await new Promise((r) => setTimeout(r, 100));
    const list = await api<{ screens: { id: string; layout: string; behind: number }[] }>(srv.url, 'GET', path('/screens'), undefined, A);
    const me = list.body.screens.find((s) => s.id === board.id);
    expect(me).toMatchObject({ layout: 'hero' });
    expect(me!.behind).toBeGreaterThan(0);
    const cmd = nextEvent<{ command: string }>(board, 'board:command');
    expect((await api<{ told: number }>(srv.url, 'POST', path('/screens/command'), { command: 'blackout' }, A)).body.told).toBeGreaterThan(0);
    expect(await cmd).toEqual({ command: 'blackout' });
    const again = boardSocket(srv.url, ctx.event.id);
    expect(await nextEvent(again, 'board:command')).toEqual({ command: 'blackout' });
    await api(srv.url, 'POST', path('/screens/command'), { command: 'live' }, A);
    board.disconnect();
    again.disconnect();
  });
});

describe('seller privacy on the board', () => {
  it('keeps seller names off the screens when the event hides them', async () => {
    await api(srv.url, 'PATCH', path(''), { settings: { sellerPrivacy: 'hidden' } }, A);
    const board = boardSocket(srv.url, ctx.event.id);
    const snap = await nextEvent<BoardSnapshot>(board, 'board:snapshot');
    expect(snap.recent.length).toBeGreaterThan(0);
    expect(snap.recent.every((d) => d.seller === '')).toBe(true);
    // The update that carries the deal (one for the settings change may come first).
    const update = new Promise<BoardUpdate>((resolve) => board.on('board:update', (u: BoardUpdate) => u.changed.length > 0 && resolve(u)));
    await post(ctx.boothA.token, deal({ seller: 'Rahasia Jaya' }));
    const u = await update;
    expect(decodeUpdate(u, snap.keys)!.deals[0]!.seller).toBe('');
    expect(JSON.stringify(u.changed)).not.toContain('Rahasia');
    board.disconnect();
    await api(srv.url, 'PATCH', path(''), { settings: { sellerPrivacy: 'full' } }, A);
  });
});

describe('settings edits', () => {
  const logo = `data:image/png;base64,${'A'.repeat(40_000)}`;

  it('merges a partial settings patch key by key, and null clears a value', async () => {
    await api(srv.url, 'PATCH', path(''), { settings: { branding: { primaryColor: '#123456', title: 'Misi Dagang' }, slipGuardThreshold: 50_000_000 } }, A);
    const r = await api<{ settings: { sellerPrivacy: string; slipGuardThreshold?: number; branding: { primaryColor?: string; title?: string } } }>(srv.url, 'PATCH', path(''), { settings: { sellerPrivacy: 'category' } }, A);
    expect(r.body.settings).toMatchObject({ sellerPrivacy: 'category', slipGuardThreshold: 50_000_000, branding: { primaryColor: '#123456', title: 'Misi Dagang' } });
    const cleared = await api<{ settings: { slipGuardThreshold?: number; branding: { title?: string; primaryColor?: string } } }>(srv.url, 'PATCH', path(''), { settings: { slipGuardThreshold: null, branding: { title: null } } }, A);
    expect(cleared.body.settings.slipGuardThreshold).toBeUndefined();
    expect(cleared.body.settings.branding).toEqual({ theme: 'dark', primaryColor: '#123456' });
    await api(srv.url, 'PATCH', path(''), { settings: { sellerPrivacy: 'full' } }, A);
  });

  it('takes an uploaded logo over 16 KB from the admin only; other calls keep the 16 KB limit', async () => {
    expect((await api(srv.url, 'PATCH', path(''), { settings: { branding: { logo } } })).status).toBe(401);
    const ok = await api<{ settings: { branding: { logo?: string; logoUrl?: string } } }>(srv.url, 'PATCH', path(''), { settings: { branding: { logo } } }, A);
    expect(ok.status).toBe(200);
    expect([ok.body.settings.branding.logo, ok.body.settings.branding.logoUrl?.includes('/logo?v=')]).toEqual([undefined, true]); // served there
    expect((await post(ctx.boothA.token, deal({ note: 'x'.repeat(20_000) }))).status).toBe(413);
    await api(srv.url, 'PATCH', path(''), { settings: { branding: { logo: null } } }, A);
  });

  it('says sign-in, not deals, when sign-in attempts are limited', async () => {
    const limited = await startServer({ env: { SIGNIN_RATE_PER_MINUTE: '1' } });
    try {
      let last: { status: number; body: { error?: { message: string } } } = { status: 0, body: {} };
      for (let i = 0; i < 6; i++) last = await api(limited.url, 'POST', '/api/v1/admin/session', { token: 'wrong-wrong-wrong-wrong' });
      expect(last.status).toBe(429);
      expect(last.body.error?.message).toMatch(/sign-in attempts/);
    } finally {
      await limited.stop();
    }
  });

  it('restores a rejected large deal to waiting for approval, not straight into the total', async () => {
    await api(srv.url, 'PATCH', path(''), { settings: { approvalRequired: true, approvalThreshold: 500_000_000 } }, A);
    const big = (await post(ctx.boothA.token, deal({ amount: 700_000_000 }))).body.deal;
    const before = await totals();
    await api(srv.url, 'POST', path(`/deals/${big.id}/void`), { reason: 'ditolak' }, A);
    const restored = await api<{ deal: Deal }>(srv.url, 'POST', path(`/deals/${big.id}/restore`), {}, A);
    expect(restored.body.deal.status).toBe('pending');
    expect((await totals()).total).toBe(before.total);
    await api(srv.url, 'POST', path(`/deals/${big.id}/void`), { reason: 'ditolak' }, A);
    await api(srv.url, 'PATCH', path(''), { settings: { approvalRequired: false } }, A);
  });

  it('does not list the console’s own live connection as a screen', async () => {
    const { io } = await import('socket.io-client');
    const consoleSocket = io(`${srv.url}/board`, { auth: { eventId: ctx.event.id, role: 'console' }, transports: ['websocket'], forceNew: true });
    await nextEvent(consoleSocket, 'board:snapshot');
    const list = await api<{ screens: { id: string }[] }>(srv.url, 'GET', path('/screens'), undefined, A);
    expect(list.body.screens.map((s) => s.id)).not.toContain(consoleSocket.id);
    consoleSocket.disconnect();
  });
});
