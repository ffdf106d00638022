import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { storeIsHealthy } from '../../store/store-health.js';
import { boothFromRequest } from '../auth.js';
import { toPublicBooth } from '../../ledger/booths/booth-identity.js';
import { everyone } from '../access.js';
import { param, type RouteDeps } from './deps.js';
import { parseQuery } from '../../core/validate.js';

const logoQuerySchema = z.object({ v: z.string().max(64).optional() }).strict();

/** Calls anyone (or any booth) may make. */
export function publicRoutes(deps: RouteDeps): Router {
  const r = Router();

  // 503 while the store cannot write (the last write failed with a store fault) or cannot even read.
  // In a cluster it also says how room-wide messages travel; Redis away is `degraded`, still 200:
  // the node takes deals and serves its boards, and every node shares the one Redis, so a load
  // balancer that took them out for it would stop the whole event.
  r.get('/health', everyone, async (_req, res) => {
    // A store that could not be reached and answers again is back; a full or read-only one waits for a real write.
    if (deps.storeHealth.unreachable && (await storeIsHealthy(deps.db))) deps.storeHealth.succeeded();
    const store = deps.storeHealth.status();
    const messages = deps.messages();
    const cluster = messages ? { messages } : {};
    if (!store.writable) res.status(503).json({ status: 'unavailable', store, ...cluster });
    else if (!(await storeIsHealthy(deps.db))) res.status(503).json({ status: 'unavailable', ...cluster });
    else res.json({ status: messages?.via === 'redis' && !messages.reachable ? 'degraded' : 'ok', ...cluster });
  });

  r.get('/events/:eventId', everyone, async (req, res) => {
    res.json(await deps.events.requireEvent(param(req, 'eventId')));
  });

  /**
   * The event's logo, on its own so snapshots stay small. The URL the event names
   * carries the image's hash: asked for with that hash, it may be cached for a year;
   * asked for otherwise, it is revalidated by its ETag.
   */
  r.get('/events/:eventId/logo', everyone, async (req, res) => {
    const { v } = parseQuery(logoQuerySchema, req.query);
    const logo = await deps.events.logo(param(req, 'eventId'));
    if (!logo) throw notFound('Logo', 'Logo');
    const etag = `"${logo.hash}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', v === logo.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    // An uploaded SVG opened on its own must not run anything.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type(logo.mime).send(logo.body);
  });

  // The audience's phone view as a QR code for the big screen (an image, so the board carries no QR code).
  r.get('/events/:eventId/live-qr.svg', everyone, async (req, res) => {
    const event = await deps.events.requireEvent(param(req, 'eventId'));
    const url = event.settings.liveQr.url ?? `${deps.baseUrl()}/live/${encodeURIComponent(event.id)}`;
    const svg = await (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    res.type('image/svg+xml').set('Cache-Control', 'no-cache').send(svg);
  });

  r.get('/events/:eventId/totals', everyone, async (req, res) => {
    const totals = await deps.ledger.totals(param(req, 'eventId'));
    if (!totals) throw notFound('Event', 'Acara');
    res.json(totals);
  });

  r.post('/events/:eventId/deals', everyone, async (req, res) => {
    const eventId = param(req, 'eventId');
    const booth = await boothFromRequest(req, deps.booths);
    await deps.events.requireEvent(eventId);
    if (booth.eventId !== eventId) throw notFound('Event', 'Acara');
    const receipt = await deps.intake.submit(booth, req.body);
    res.status(receipt.duplicate ? 200 : 201).json(receipt);
  });

  r.get('/operator/session', everyone, async (req, res) => {
    const booth = await boothFromRequest(req, deps.booths);
    const event = await deps.events.requireEvent(booth.eventId);
    res.json({ booth: toPublicBooth(booth), event });
  });

  return r;
}
