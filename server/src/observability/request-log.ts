import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { redactUrl } from './redact-url.js';

/**
 * One log line per HTTP request (method, redacted URL, status, time taken). Headers are not
 * logged at all: Authorization carries booth and admin tokens, Cookie the console session,
 * Set-Cookie a new one. Every line is at info, with no stack: a refused request is the client's
 * business, a server fault is logged once with its cause by the error handler, and a store that
 * cannot write once per change of state by the store's health (a line per refused deal at error
 * level would bury that cause, as it once did).
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customLogLevel: () => 'info',
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), remoteAddress: req.remoteAddress }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: () => undefined,
    },
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => line(req, res),
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) => line(req, res),
  });
}

// Express rewrites req.url inside mounted routers; originalUrl is what the client asked for.
const line = (req: IncomingMessage, res: ServerResponse) => `${req.method} ${redactUrl((req as { originalUrl?: string }).originalUrl ?? req.url)} ${res.statusCode}`;
