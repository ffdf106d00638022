import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

/** Issue 12 §4 (huge bodies, slow clients) and §12 (query parameters). */
const fixture = serverWithEvent({ env: { HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' } });

/** Write `head` (and optionally some body) on a raw connection; resolve with what the server answers and when. */
function raw(head: string, opts: { body?: string; waitMs?: number } = {}): Promise<{ text: string; ms: number; closed: boolean }> {
  const { port } = new URL(fixture.srv.url);
  return new Promise((resolve) => {
    const t = performance.now();
    const s = net.connect(Number(port), '127.0.0.1', () => s.write(head + (opts.body ?? '')));
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ text, ms: performance.now() - t, closed });
    };
    const timer = setTimeout(() => finish(false), opts.waitMs ?? 5000);
    s.on('data', (d) => {
      text += d.toString();
      if (text.includes('\r\n\r\n') && /"error"/.test(text)) finish(false);
    });
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
  });
}

describe('huge bodies', () => {
  it.each([
    ['a deal', `/api/v1/events/{e}/deals`, 'POST'],
    ['an event edit (the logo route, 300 KB)', `/api/v1/events/{e}`, 'PATCH'],
    ['the sign-in', '/api/v1/admin/session', 'POST'],
    ['a page', '/board/x', 'POST'],
  ])('refuses %s declaring 100 MB with 413 at once, before any of it arrives', async (_what, route, method) => {
    const r = await raw(`${method} ${route.replace('{e}', fixture.ctx.event.id)} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n\r\n`);
    expect(r.text).toMatch(/^HTTP\/1\.1 413/);
    expect(r.text).toMatch(/"payload_too_large"/);
    expect(r.text).toMatch(/"pesan":"Isi permintaan melebihi \d+ KB"/);
    expect(r.ms).toBeLessThan(1000);
  });

  it('cuts off a body without a length (chunked) once it passes the limit', async () => {
    const chunk = 'x'.repeat(8192);
    const body = Array.from({ length: 4 }, () => `${(8192).toString(16)}\r\n${chunk}\r\n`).join('');
    const r = await raw(`POST /api/v1/events/${fixture.ctx.event.id}/deals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, { body });
    expect(r.text).toMatch(/^HTTP\/1\.1 413/);
  });

  it('closes a connection whose headers never finish, and one whose body never finishes', async () => {
    const slowHead = await raw('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ', { waitMs: 6000 });
    expect(slowHead.closed).toBe(true);
    expect(slowHead.ms).toBeLessThan(4000);
    const slowBody = await raw(`POST /api/v1/events/${fixture.ctx.event.id}/deals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`, { body: '{"id":', waitMs: 8000 });
    expect(slowBody.closed || /^HTTP\/1\.1 408/.test(slowBody.text)).toBe(true);
    expect(slowBody.ms).toBeLessThan(5000);
    expect((await api(fixture.srv.url, 'GET', '/api/v1/health')).status).toBe(200);
  });
});

describe('query parameters', () => {
  const deals = (q: string) => api<{ error?: { code: string; field?: string; message: string; pesan: string }; deals?: unknown[] }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/deals?${q}`, undefined, ADMIN_TOKEN);

  it.each([
    ['limit=1.5', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=0', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=1e3', 'limit'],
    ['limit=99999999999999999999', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['beforeSeq=x', 'beforeSeq'],
    ['beforeSeq=0.5', 'beforeSeq'],
    ['kind=barter', 'kind'],
    ['status=deleted', 'status'],
    ['booth[]=a', 'booth[]'],
    ['q=' + 'x'.repeat(300), 'q'],
    ['sort=amount', 'sort'],
  ])('answers ?%s with 400 naming the field', async (q, field) => {
    const r = await deals(q);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('validation_failed');
    expect(r.body.error?.field).toBe(field);
    expect(r.body.error?.message).toContain(field);
    expect(r.body.error?.pesan).toContain(field);
  });

  it('takes good ones, and treats empty ones as not given', async () => {
    for (const q of ['limit=5', 'limit=5&beforeSeq=100&kind=trade&status=recorded&booth=x&category=y&q=abc', 'booth=&kind=&limit=', '']) {
      const r = await deals(q);
      expect(r.status, q).toBe(200);
      expect(Array.isArray(r.body.deals)).toBe(true);
    }
  });
});
