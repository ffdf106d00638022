import { Router, type RequestHandler } from 'express';
import type { AdminAccess } from '../access.js';
import { mouInputSchema, voidInputSchema } from '@dealboard/shared';
import { MouRegister } from '../../mou/mou-register.js';
import { parseInput } from '../../core/validate.js';
import { actorOf } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

/** The console's MoU register: list, record (optionally announced), edit, void with a reason, restore, announce. */
export function mouRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();
  const register = new MouRegister(deps.db, deps.ledger);
  const eventOf = async (req: Parameters<RequestHandler>[0]) => {
    const eventId = param(req, 'eventId');
    await deps.events.requireEvent(eventId);
    return eventId;
  };

  r.get('/events/:eventId/mous', admin('read'), async (req, res) => {
    res.json({ mous: await register.list(await eventOf(req)) });
  });

  r.post('/events/:eventId/mous', admin('desk'), async (req, res) => {
    const eventId = await eventOf(req);
    res.status(201).json(await register.create(eventId, parseInput(mouInputSchema, req.body), actorOf(res)));
  });

  r.patch('/events/:eventId/mous/:mouId', admin('desk'), async (req, res) => {
    const eventId = await eventOf(req);
    res.json(await register.update(eventId, param(req, 'mouId'), parseInput(mouInputSchema, req.body), actorOf(res)));
  });

  r.post('/events/:eventId/mous/:mouId/void', admin('verify'), async (req, res) => {
    const eventId = await eventOf(req);
    const { reason } = parseInput(voidInputSchema, req.body);
    res.json(await register.void(eventId, param(req, 'mouId'), reason, actorOf(res)));
  });

  for (const kind of ['restore', 'announce'] as const) {
    r.post(`/events/:eventId/mous/:mouId/${kind}`, admin(kind === 'restore' ? 'verify' : 'desk'), async (req, res) => {
      const eventId = await eventOf(req);
      res.json(await register[kind](eventId, param(req, 'mouId'), actorOf(res)));
    });
  }
  return r;
}
