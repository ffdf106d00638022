import { describe, expect, it } from 'vitest';
import type { Ack, BoardSnapshot } from '@dealboard/shared';
import { io as ioClient, type Socket } from 'socket.io-client';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, startServer } from '../support/server.js';
import { serverWithEvent, socketsClosedAfterEach } from '../support/event-fixture.js';

/** Issue 12 §1: resyncs one at a time, the logo out of snapshots, unsent bytes capped, board sockets capped. */
const fixture = serverWithEvent();
const track = socketsClosedAfterEach();

const resync = (b: Socket) => new Promise<Ack<BoardSnapshot>>((resolve) => b.emit('board:resync', resolve));
const logoOf = (n: number) => `data:image/png;base64,${'A'.repeat(n - 22)}`;

describe('board:resync', () => {
  it('answers one request at a time and refuses repeats with a small answer', async () => {
    const b = track(boardSocket(fixture.srv.url, fixture.ctx.event.id));
    await nextEvent(b, 'board:snapshot');
    await new Promise((r) => setTimeout(r, 1100));
    const answers = await Promise.all(Array.from({ length: 5 }, () => resync(b)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.error.code === 'rate_limited')).toHaveLength(4);
    // A board that waits for its answer is served again a second later.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await resync(b)).ok).toBe(true);
  });

  it('cuts off a client that keeps asking without waiting', async () => {
    const b = track(boardSocket(fixture.srv.url, fixture.ctx.event.id));
    await nextEvent(b, 'board:snapshot');
    const gone = nextEvent(b, 'disconnect');
    for (let i = 0; i < 100; i++) b.emit('board:resync', () => undefined);
    await expect(gone).resolves.toBeTruthy();
  });
});

describe('the logo', () => {
  it('stays out of snapshots and updates, served at a versioned cacheable URL', async () => {
    const logo = logoOf(199_000);
    const patched = await api<{ settings: { branding: { logoUrl?: string } } }>(fixture.srv.url, 'PATCH', `/api/v1/events/${fixture.ctx.event.id}`, { settings: { branding: { logo } } }, ADMIN_TOKEN);
    const url = patched.body.settings.branding.logoUrl!;
    expect(url).toMatch(new RegExp(`^/api/v1/events/${fixture.ctx.event.id}/logo\\?v=[\\w-]+$`));
    const b = track(boardSocket(fixture.srv.url, fixture.ctx.event.id));
    const snap = await nextEvent<BoardSnapshot>(b, 'board:snapshot');
    expect(JSON.stringify(snap).length).toBeLessThan(16 * 1024);
    expect(snap.event.settings.branding.logoUrl).toBe(url);

    const res = await fetch(fixture.srv.url + url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    const etag = res.headers.get('etag')!;
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(logo.split(',')[1]!, 'base64'))).toBe(true);
    expect((await fetch(fixture.srv.url + url, { headers: { 'if-none-match': etag } })).status).toBe(304);

    // A new image gets a new URL; the old one is no longer cached for ever.
    const next = await api<{ settings: { branding: { logoUrl?: string } } }>(fixture.srv.url, 'PATCH', `/api/v1/events/${fixture.ctx.event.id}`, { settings: { branding: { logo: logoOf(1000) } } }, ADMIN_TOKEN);
    expect(next.body.settings.branding.logoUrl).not.toBe(url);
    expect((await fetch(fixture.srv.url + url)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${fixture.srv.url}/api/v1/events/${fixture.ctx.event.id}/logo?v=1&x=2`)).status).toBe(400);
    await api(fixture.srv.url, 'PATCH', `/api/v1/events/${fixture.ctx.event.id}`, { settings: { branding: { logo: null } } }, ADMIN_TOKEN);
    expect((await fetch(fixture.srv.url + url)).status).toBe(404);
  });
});

describe('unsent bytes', () => {
  it('drops a long-polling board that never collects what it is sent, past the cap', async () => {
    const capped = await startServer({ env: { SOCKET_MAX_UNSENT_KB: '64' } });
    try {
      const big = await setupEvent(capped.url, { categories: Array.from({ length: 50 }, (_, i) => `kategori ${i} ${'k'.repeat(45)}`) });
      await Promise.all(Array.from({ length: 200 }, (_, i) => api(capped.url, 'POST', `/api/v1/events/${big.event.id}/booths`, { name: `Stan ${i} ${'s'.repeat(100)}`, delegation: 'Jatim' }, ADMIN_TOKEN)));
      const base = `${capped.url}/socket.io/?EIO=4&transport=polling`;
      const sid = /"sid":"([^"]+)"/.exec(await (await fetch(base)).text())![1]!;
      const post = (body: string) => fetch(`${base}&sid=${sid}`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
      expect((await post(`40/board,${JSON.stringify({ eventId: big.event.id })}`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      // The connect snapshot (over 32 KB) is still waiting for a poll; one more does not fit.
      expect((await post('42/board,1["board:resync"]')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect((await fetch(`${base}&sid=${sid}`)).status).toBe(400); // session gone
    } finally {
      await capped.stop();
    }
  });
});

describe('board sockets per address and in all', () => {
  const outcome = (s: Socket) =>
    new Promise<string>((resolve) => {
      s.once('board:snapshot', () => resolve('ok'));
      s.once('connect_error', (e: Error & { data?: { code?: string; pesan?: string } }) => resolve(`${e.data?.code}: ${e.data?.pesan ? 'id' : ''}`));
    });

  it('refuses a board over the per-address cap, and takes one again when a place frees up', async () => {
    const s = await startServer({ env: { BOARD_SOCKETS_PER_ADDRESS: '3' } });
    try {
      const c = await setupEvent(s.url);
      const mk = () => track(ioClient(`${s.url}/board`, { auth: { eventId: c.event.id }, transports: ['websocket'], forceNew: true, reconnection: false }));
      const first = [mk(), mk(), mk()];
      expect(await Promise.all(first.map(outcome))).toEqual(['ok', 'ok', 'ok']);
      expect(await outcome(mk())).toBe('rate_limited: id');
      first[0]!.disconnect();
      await new Promise((r) => setTimeout(r, 100));
      expect(await outcome(mk())).toBe('ok');
    } finally {
      await s.stop();
    }
  });

  it('believes X-Forwarded-For for sockets only when TRUST_PROXY says so, and caps the total', async () => {
    const trusting = await startServer({ env: { BOARD_SOCKETS_PER_ADDRESS: '1', BOARD_SOCKETS_MAX: '3', TRUST_PROXY: 'loopback' } });
    const plain = await startServer({ env: { BOARD_SOCKETS_PER_ADDRESS: '1' } });
    try {
      const t = await setupEvent(trusting.url);
      const p = await setupEvent(plain.url);
      const mk = (base: string, eventId: string, xff: string) =>
        track(ioClient(`${base}/board`, { auth: { eventId }, transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': xff } }));
      // Behind a trusted proxy, three screens at three addresses; a fourth is over the total.
      expect(await Promise.all(['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((a) => outcome(mk(trusting.url, t.event.id, a))))).toEqual(['ok', 'ok', 'ok']);
      expect(await outcome(mk(trusting.url, t.event.id, '10.0.0.4'))).toBe('rate_limited: id');
      // Without TRUST_PROXY a made-up X-Forwarded-For changes nothing: it is still 127.0.0.1.
      expect(await outcome(mk(plain.url, p.event.id, '10.0.0.1'))).toBe('ok');
      expect(await outcome(mk(plain.url, p.event.id, '10.0.0.2'))).toBe('rate_limited: id');
      const screens = await api<{ screens: { address: string }[] }>(trusting.url, 'GET', `/api/v1/events/${t.event.id}/screens`, undefined, ADMIN_TOKEN);
      expect(screens.body.screens.map((s) => s.address).sort()).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    } finally {
      await trusting.stop();
      await plain.stop();
    }
  });
});
