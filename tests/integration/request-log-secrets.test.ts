import http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { deepDecode } from '../../server/src/observability/redact-url.js';
import { api, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

/**
 * Issue 29 §3: a buyer's code and a booth's token never reach the request log, whatever shape of
 * path carries them, while the request still reaches its route and the code still works.
 */
let out = '';
const sink = new Writable({
  write(chunk, _enc, done) {
    out += String(chunk);
    done();
  },
});
let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
let code = '';

beforeAll(async () => {
  srv = await startServer({ logger: createLogger('trace', sink) });
  ctx = await setupEvent(srv.url);
  const deal = { id: uuid(), amount: 5_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'CV Banjar' };
  expect((await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, deal, ctx.boothA.token)).status).toBe(201);
  const issued = await api<{ url: string }>(srv.url, 'POST', `/api/v1/operator/deals/${deal.id}/buyer-code`, {}, ctx.boothA.token);
  code = issued.body.url.split('/confirm/')[1]!;
});
afterAll(() => srv.stop());

/** A request with its path exactly as given (fetch would normalise dots, backslashes and case of escapes). */
function raw(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const enc = (s: string) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
const SHAPES: ((secret: string) => string)[] = [
  (s) => `/confirm/${s})`,
  (s) => `/confirm/${s}%20`,
  (s) => `/confirm/${s}%00`,
  (s) => `/confirm/${s}.`,
  (s) => `/confirm/${s}..`,
  (s) => `/confirm/${s}/`,
  (s) => `/confirm/${s};jsessionid=1`,
  (s) => `/confirm/${s}?from=qr`,
  (s) => `/confirm/${s}%3Ffrom=qr`,
  (s) => `/CONFIRM/${s}`,
  (s) => `/Confirm./${s}`,
  (s) => `/confirm;v=2/${s}`,
  (s) => `//confirm//${s}`,
  (s) => `/confirm%2F${s}`,
  (s) => `/confirm%252F${s}`,
  (s) => `/%63onfirm/${s}`,
  (s) => `/confirm/${enc(s)}`,
  (s) => `/confirm/${enc(s).replace(/%/g, '%25')}`,
  (s) => `/confirm/${s.slice(0, 10)}${enc(s.slice(10, 20))}${s.slice(20)}`,
  (s) => `/confirm\\${s}`,
  (s) => `/api/v1/confirm/${s}`,
  (s) => `/api/v1/confirm/${s})`,
  (s) => `/api/v1/confirm/${s}%20`,
  (s) => `/api/v1/confirm/${s}%00`,
  (s) => `/api/v1/confirm/${s}.`,
  (s) => `/api/v1/confirm/${s};p=1`,
  (s) => `/API/V1/CONFIRM/${s}`,
  (s) => `/api/v1/confirm/${enc(s)}`,
  (s) => `/api/v1/confirm/x/${s}`,
  (s) => `/api/v1/confirm?code=${s}`,
  (s) => `/api/v1/events?${s}`,
  (s) => `/api/v1/events?limit=${s}`,
  (s) => `/join/${s})`,
  (s) => `/JOIN/${enc(s)}%20`,
  (s) => `/join%2F${s}`,
  (s) => `/operator/${s}!`,
  (s) => `/x/${s}'`,
  (s) => `/board/${s}>`,
  (s) => `http://${new URL('http://x').host}/confirm/${s}`,
];

describe('secrets in request paths', () => {
  it('are never logged, raw or encoded, in any of the shapes, while the code keeps working', async () => {
    for (const secret of [code, ctx.boothB.token]) for (const shape of SHAPES) await raw(shape(secret));
    await new Promise((r) => setTimeout(r, 150));
    for (const secret of [code, ctx.boothB.token]) {
      expect(out).not.toContain(secret);
      expect(deepDecode(out)).not.toContain(secret);
    }
    // The lines are there: one per request, the path up to the secret kept.
    expect(out.split('\n').filter((l) => l.includes('/confirm/[redacted]')).length).toBeGreaterThan(10);
    expect((await raw(`/api/v1/confirm/${code}`)).status).toBe(200);
  });

  it('still reach their route: the confirm call answers for the code, not "no such call"', async () => {
    const ok = await raw(`/API/V1/CONFIRM/${code}`);
    expect(ok.status).toBe(200);
    for (const path of [`/api/v1/confirm/${code})`, `/api/v1/confirm/${code}%20`, `/api/v1/confirm/${code}%00`, `/api/v1/confirm/${code};p=1`]) {
      const r = await raw(path);
      expect(JSON.parse(r.body).error?.code ?? 'ok', path).not.toBe('not_found');
    }
  });
});
