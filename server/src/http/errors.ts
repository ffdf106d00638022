import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { DomainError, storeUnavailable } from '../core/errors.js';
import type { StoreHealth } from '../store/store-health.js';
import { redactUrl } from '../observability/redact-url.js';

/** Unknown /api paths answer JSON, not the page. */
export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'No such API call', pesan: 'Panggilan API tidak ada' } });
};

/** Every failure becomes `{"error": {code, message, pesan, field?}}`; nothing leaks a stack. */
export function errorHandler(logger: Logger, storeHealth: StoreHealth): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    // A store fault (disk full, read-only file) is logged once per change of state by the store's health, not per request.
    if (storeHealth.failed(err)) {
      res.status(503).json({ error: storeUnavailable().toJSON() });
      return;
    }
    if (err instanceof DomainError) {
      // RFC 9110 Retry-After is whole seconds; the body keeps the exact milliseconds.
      if (err.retryAfterMs !== undefined) res.setHeader('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
      res.status(err.status).json({ error: err.toJSON() });
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'The request body is over 16 KB', pesan: 'Isi permintaan melebihi 16 KB' } });
      return;
    }
    if (e?.type === 'entity.parse.failed' || e?.status === 400) {
      res.status(400).json({ error: { code: 'bad_request', message: 'The request body is not valid JSON', pesan: 'Isi permintaan bukan JSON yang valid' } });
      return;
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'bad_request', message: 'The request could not be read', pesan: 'Permintaan tidak dapat dibaca' } });
      return;
    }
    // The path may hold a secret (a buyer's code, a join token): logged as the request log has it.
    logger.error({ err, method: req.method, path: redactUrl(req.originalUrl ?? req.url) }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on the server', pesan: 'Terjadi kesalahan di server' } });
  };
}
