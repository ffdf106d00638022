import type { Request } from 'express';
import { DomainError } from '../core/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A change made with the console's cookie must come from the console itself. A
 * browser sends the cookie with a form another site (or another port of this host)
 * posts, so: the request must say it is same-origin (`Sec-Fetch-Site`, or `Origin`
 * equal to this host where that header is missing) and carry JSON, which a page on
 * another origin cannot send here without a CORS preflight that this server never grants.
 */
export function sameOriginJson(req: Request): void {
  if (SAFE.has(req.method)) return;
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  let sameOrigin = site === undefined || site === 'same-origin';
  if (sameOrigin && origin !== undefined) sameOrigin = originHost(origin) === req.host;
  if (sameOrigin && site === undefined && origin === undefined) sameOrigin = false;
  if (!sameOrigin) {
    throw new DomainError(
      'forbidden',
      'Console changes must come from the console page of this server (or use the admin token)',
      'Perubahan lewat konsol harus berasal dari halaman konsol server ini (atau pakai token admin)',
    );
  }
  if (!req.is('application/json')) {
    throw new DomainError('forbidden', 'Console changes must be sent as JSON', 'Perubahan lewat konsol harus dikirim sebagai JSON');
  }
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
