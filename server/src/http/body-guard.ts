import type { RequestHandler, Request, Response } from 'express';

/** Body limits: the API's JSON bodies are small; an event edit may carry an uploaded logo. */
export const BODY_LIMIT = 16 * 1024;
export const LOGO_BODY_LIMIT = 300 * 1024;
/** A venue's batch of forwarded changes (up to 1,000 deals), read only once its uplink token is checked. */
export const UPLINK_BODY_LIMIT = 4 * 1024 * 1024;
export const UPLINK_CHANGES_PATH = '/api/v1/uplink/changes';

const limitFor = (req: Request) => {
  if (req.method === 'PATCH' && /^\/api\/v1\/events\/[^/]+\/?$/.test(req.path)) return LOGO_BODY_LIMIT;
  return req.method === 'POST' && req.path === UPLINK_CHANGES_PATH ? UPLINK_BODY_LIMIT : BODY_LIMIT;
};

function refuse(req: Request, res: Response, limit: number) {
  if (res.headersSent) return;
  const kb = Math.round(limit / 1024);
  // Close the connection: the rest of the body is never read.
  res.setHeader('Connection', 'close');
  res.status(413).json({ error: { code: 'payload_too_large', message: `The request body is over ${kb} KB`, pesan: `Isi permintaan melebihi ${kb} KB` } });
  res.once('finish', () => req.socket.destroySoon?.());
}

/**
 * Refuse an oversized body the moment it is announced, not after it has arrived:
 * the JSON parser answers 413 only once it has drained the whole upload, so a
 * client declaring 100 MB would keep a connection and the parser busy until then.
 * A body without a length (chunked) is counted as it streams and cut off at the limit.
 */
export const bodyGuard: RequestHandler = (req, res, next) => {
  const limit = limitFor(req);
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    if (Number(declared) > limit) return refuse(req, res, limit);
    return next();
  }
  if (req.headers['transfer-encoding']) {
    let seen = 0;
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) {
        req.off('data', count);
        req.unpipe();
        refuse(req, res, limit);
      }
    };
    req.on('data', count);
  }
  next();
};
