import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { boothCreateSchema, nameSchema, type SheetCard } from '@dealboard/shared';
import { parseInput } from '../../core/validate.js';
import { actorOf } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

const boothUpdateSchema = z.object({ name: nameSchema(120), delegation: nameSchema(60) }).partial().strict();
const sheetSchema = z.object({ boothIds: z.array(z.string().max(64)).max(500).optional() }).strict();

/** Booths: add, edit, revoke, rotate, and the printable QR sheet. */
export function adminBoothRoutes(deps: RouteDeps, admin: RequestHandler): Router {
  const r = Router();
  const joinUrl = (token: string) => `${deps.baseUrl()}/join/${token}`;

  r.get('/events/:eventId/booths', admin, async (req, res) => {
    await deps.events.requireEvent(param(req, 'eventId'));
    res.json({ booths: await deps.booths.list(param(req, 'eventId')) });
  });

  r.post('/events/:eventId/booths', admin, async (req, res) => {
    const input = parseInput(boothCreateSchema, req.body);
    const { booth, token } = await deps.booths.create(param(req, 'eventId'), input, actorOf(res));
    res.status(201).json({ id: booth.id, name: booth.name, delegationId: booth.delegationId, token, joinUrl: joinUrl(token) });
  });

  r.patch('/events/:eventId/booths/:boothId', admin, async (req, res) => {
    const patch = parseInput(boothUpdateSchema, req.body);
    res.json(await deps.booths.update(param(req, 'eventId'), param(req, 'boothId'), patch, actorOf(res)));
  });

  r.post('/events/:eventId/booths/:boothId/revoke', admin, async (req, res) => {
    const booth = await deps.booths.revoke(param(req, 'eventId'), param(req, 'boothId'), actorOf(res));
    deps.screens.disconnectBooth(booth.id);
    res.json(booth);
  });

  r.post('/events/:eventId/booths/:boothId/rotate', admin, async (req, res) => {
    const { booth, token } = await deps.booths.rotate(param(req, 'eventId'), param(req, 'boothId'), actorOf(res));
    deps.screens.disconnectBooth(booth.id);
    res.json({ ...booth, token, joinUrl: joinUrl(token) });
  });

  /**
   * The printable QR sheet. Tokens are stored only as hashes, so printing issues
   * fresh tokens for the chosen booths (all active ones by default); tablets
   * joined with the old codes must scan again.
   */
  r.post('/events/:eventId/booths/sheet', admin, async (req, res) => {
    const eventId = param(req, 'eventId');
    const { boothIds } = parseInput(sheetSchema, req.body ?? {});
    const all = await deps.booths.list(eventId);
    const chosen = all.filter((b) => (boothIds ? boothIds.includes(b.id) : !b.revoked));
    const sheet: SheetCard[] = [];
    for (const b of chosen) {
      const { token } = await deps.booths.rotate(eventId, b.id, actorOf(res));
      deps.screens.disconnectBooth(b.id);
      const url = joinUrl(token);
      sheet.push({ id: b.id, name: b.name, delegationName: b.delegationName, joinUrl: url, qrSvg: await (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) });
    }
    res.json({ booths: sheet });
  });

  return r;
}
