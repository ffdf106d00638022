import pino from 'pino';

/**
 * JSON logs; tokens never appear in them. Request lines carry no headers and a redacted URL
 * (observability/request-log.ts); these paths are the second line of defence.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'token', '*.token', 'auth.token', 'joinUrl', '*.joinUrl'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
