import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { deepDecode, redactUrl } from './redact-url.js';

/** Issue 29 §3: no secret in the log whatever shape its path takes. */
const secret = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url'));
const prefix = fc.constantFrom(
  '/confirm/', '/api/v1/confirm/', '/CONFIRM/', '/Confirm./', '/confirm;x=1/', '//confirm/', '/api/v1/confirm%2F', '/api/v1/confirm%252F',
  '/%63onfirm/', '/confirm\\', '/join/', '/JOIN/', '/join%2f', '/operator/', '/api/v1/operator/session/', '/x/', '/', 'http://host/confirm/',
  '/api/v1/events/demo/deals/', '/assets/', '/confirm/a/',
);
const junk = fc.constantFrom(')', '(', '%20', '%00', '.', '..', '/', '%2F', '%2e', ';p=1', '%0A', '"', '>', '%2520', "'", '!', ',', '~', '%7E', '*', ' ', '+', '%3F', '%23', '&', '=', ':', '@', '$');
const suffix = fc.array(junk, { maxLength: 3 }).map((a) => a.join(''));
/** Each character as it is, percent-encoded, or encoded twice. */
const encoded = (s: string, ways: readonly number[]) =>
  [...s].map((c, i) => {
    const hex = `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    return [c, hex, `%25${hex.slice(1)}`][ways[i % ways.length]! % 3];
  }).join('');
const ways = fc.oneof(fc.constant([0]), fc.constant([1]), fc.constant([2]), fc.array(fc.nat(2), { minLength: 1, maxLength: 43 }));
const query = fc.constantFrom('', '?from=qr', '?limit=5&x=1', '?', '#top');

describe('redactUrl', () => {
  it('never lets a token or code through, raw or encoded, in any path or query shape', () => {
    fc.assert(
      fc.property(secret, prefix, ways, suffix, suffix, query, fc.boolean(), (s, pre, w, before, after, q, inQuery) => {
        const hidden = encoded(s, w);
        const url = inQuery ? `${pre}page${q || '?'}${q.includes('=') ? '&' : ''}code=${before}${hidden}${after}` : `${pre}${before}${hidden}${after}${q}`;
        const logged = redactUrl(url);
        expect(logged).not.toContain(s);
        expect(deepDecode(logged)).not.toContain(s);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it('keeps what is not secret: ids, deal UUIDs, slugs, harmless filters', () => {
    const id = randomUUID();
    for (const url of [
      `/api/v1/events/demo/deals/${id}/void`,
      '/api/v1/events/misi-dagang-jatim-kalsel-2026-replay-ab3d/totals',
      '/api/v1/events/demo/deals?status=voided&limit=50',
      '/assets/index-DmC2x9aB.js',
      '/board/demo',
    ]) expect(redactUrl(url)).toBe(url);
    expect(redactUrl('/confirm/abc)?from=qr')).toBe('/confirm/[redacted]?from=qr');
    expect(redactUrl('/api/v1/confirm/abc/def')).toBe('/api/v1/confirm/[redacted]/[redacted]');
    expect(redactUrl(`/x?limit=${'A'.repeat(10)}_${'b'.repeat(20)}`)).toBe('/x?limit=[redacted]');
  });
});
