import { Router } from 'express';
import { notFound } from '../../ledger/errors.js';
import { storeIsHealthy } from '../../store/db.js';
import { boothFromRequest } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

/** Calls anyone (or any booth) may make. */
export function publicRoutes(deps: RouteDeps): Router {
  const r = Router();

  r.get('/health', async (_req, res) => {
    if (await storeIsHealthy(deps.db)) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'unavailable' });
  });

  r.get('/events/:eventId', async (req, res) => {
    res.json(await deps.events.requireEvent(param(req, 'eventId')));
  });

  // The audience's phone view as a QR code for the big screen (an image, so the board carries no QR code).
  r.get('/events/:eventId/live-qr.svg', async (req, res) => {
    const event = await deps.events.requireEvent(param(req, 'eventId'));
    const url = event.settings.liveQr.url ?? `${deps.baseUrl()}/live/${encodeURIComponent(event.id)}`;
    const svg = await (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    res.type('image/svg+xml').set('Cache-Control', 'no-cache').send(svg);
  });

  r.get('/events/:eventId/totals', async (req, res) => {
    const totals = await deps.ledger.totals(param(req, 'eventId'));
    if (!totals) throw notFound('Event', 'Acara');
    res.json(totals);
  });

  r.post('/events/:eventId/deals', async (req, res) => {
    const eventId = param(req, 'eventId');
    const booth = await boothFromRequest(req, deps.booths);
    await deps.events.requireEvent(eventId);
    if (booth.eventId !== eventId) throw notFound('Event', 'Acara');
    const receipt = await deps.intake.submit(booth, req.body);
    res.status(receipt.duplicate ? 200 : 201).json(receipt);
  });

  r.get('/operator/session', async (req, res) => {
    const booth = await boothFromRequest(req, deps.booths);
    const event = await deps.events.requireEvent(booth.eventId);
    const { revoked: _revoked, ...publicBooth } = booth;
    res.json({ booth: publicBooth, event });
  });

  return r;
}
