import { Router } from 'express';
import type { AdminAccess } from '../access.js';
import { z } from 'zod';
import { boothCreateSchema, nameSchema, type SheetCard } from '@dealboard/shared';
import { parseInput } from '../../core/validate.js';
import { actorOf } from '../auth.js';
import { audit } from '../../ledger/audit.js';
import { param, type RouteDeps } from './deps.js';

const boothUpdateSchema = z.object({ name: nameSchema(120), delegation: nameSchema(60) }).partial().strict();
const sheetSchema = z.object({ boothIds: z.array(z.string().max(64)).max(500).optional() }).strict();

/** Booths: add, edit, revoke, rotate, remove, and the printable QR sheet. */
export function adminBoothRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();
  const joinUrl = (token: string) => `${deps.baseUrl()}/join/${token}`;

  r.get('/events/:eventId/booths', admin('read'), async (req, res) => {
    await deps.events.requireEvent(param(req, 'eventId'));
    res.json({ booths: await deps.booths.list(param(req, 'eventId')) });
  });

  r.post('/events/:eventId/booths', admin('desk'), async (req, res) => {
    const input = parseInput(boothCreateSchema, req.body);
    const { booth, token } = await deps.booths.create(param(req, 'eventId'), input, actorOf(res));
    res.status(201).json({ id: booth.id, name: booth.name, delegationId: booth.delegationId, token, joinUrl: joinUrl(token) });
  });

  r.patch('/events/:eventId/booths/:boothId', admin('desk'), async (req, res) => {
    const patch = parseInput(boothUpdateSchema, req.body);
    res.json(await deps.booths.update(param(req, 'eventId'), param(req, 'boothId'), patch, actorOf(res)));
  });

  r.post('/events/:eventId/booths/:boothId/revoke', admin('desk'), async (req, res) => {
    const booth = await deps.booths.revoke(param(req, 'eventId'), param(req, 'boothId'), actorOf(res));
    res.json(booth);
  });

  r.post('/events/:eventId/booths/:boothId/rotate', admin('desk'), async (req, res) => {
    const { booth, token } = await deps.booths.rotate(param(req, 'eventId'), param(req, 'boothId'), actorOf(res));
    res.json({ ...booth, token, joinUrl: joinUrl(token) });
  });

  /**
   * Remove a booth for good, with its rehearsal deals and every figure they made (see
   * `EventLifecycle.removeBooth`); a booth with deals outside rehearsal is refused (409).
   */
  r.delete('/events/:eventId/booths/:boothId', admin('desk'), async (req, res) => {
    const removed = await deps.lifecycle.removeBooth(param(req, 'eventId'), param(req, 'boothId'), actorOf(res));
    res.json(removed);
  });

  /**
   * The printable QR sheet, as often as needed: each card carries the booth's current
   * join link (recovered from its sealed copy), so printing changes nothing and no
   * tablet is cut off. A booth whose link cannot be recovered (made before links were
   * kept, or revoked) comes back without a link: it needs an explicit new code (rotate).
   */
  r.post('/events/:eventId/booths/sheet', admin('desk'), async (req, res) => {
    const eventId = param(req, 'eventId');
    const { boothIds } = parseInput(sheetSchema, req.body ?? {});
    const all = await deps.booths.list(eventId);
    const chosen = all.filter((b) => (boothIds ? boothIds.includes(b.id) : !b.revoked));
    const qrcode = (await import('qrcode')).default;
    const sheet: SheetCard[] = [];
    for (const b of chosen) {
      const token = b.revoked ? undefined : await deps.booths.joinToken(eventId, b.id);
      const url = token && joinUrl(token);
      const card = { id: b.id, name: b.name, delegationName: b.delegationName };
      if (url) sheet.push({ ...card, joinUrl: url, qrSvg: await qrcode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) });
      else sheet.push({ ...card, joinUrl: null, qrSvg: '', needsNewCode: b.revoked ? 'revoked' : 'not_kept' });
    }
    await audit(deps.db, { actor: actorOf(res), action: 'booth.sheet', eventId, subject: boothIds ? boothIds.join(',').slice(0, 200) : 'all', after: { printed: sheet.filter((c) => c.joinUrl).length, withoutLink: sheet.filter((c) => !c.joinUrl).length } });
    res.json({ booths: sheet });
  });

  return r;
}
