import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { redactUrl } from './redact-url.js';

/**
 * One log line per HTTP request (method, redacted URL, status, time taken). Headers are not
 * logged at all: Authorization carries booth and admin tokens, Cookie the console session,
 * Set-Cookie a new one. Successes log at info, client errors at warn, server errors at error.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), remoteAddress: req.remoteAddress }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => line(req, res),
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) => line(req, res),
  });
}

// Express rewrites req.url inside mounted routers; originalUrl is what the client asked for.
const line = (req: IncomingMessage, res: ServerResponse) => `${req.method} ${redactUrl((req as { originalUrl?: string }).originalUrl ?? req.url)} ${res.statusCode}`;
