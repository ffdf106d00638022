import pino from 'pino';

/** JSON logs; tokens never appear in them (authorization headers and auth payloads are redacted). */
export function createLogger(level: string) {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'token', '*.token', 'auth.token'], censor: '[redacted]' },
  });
}
