import { Router } from 'express';
import type { AdminAccess } from '../access.js';
import { dealListQuerySchema, voidInputSchema } from '@dealboard/shared';
import { correctDeal } from '../../ledger/deals/corrections.js';
import { listDeals } from '../../ledger/reads/queries.js';
import { parseInput, parseQuery } from '../../core/validate.js';
import { actorOf } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

/** The console's deal table and corrections: void, restore, approve. */
export function adminDealRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();

  r.get('/events/:eventId/deals', admin('read'), async (req, res) => {
    const eventId = param(req, 'eventId');
    await deps.events.requireEvent(eventId);
    const { booth, category, limit, ...filter } = parseQuery(dealListQuerySchema, req.query);
    res.json(await listDeals(deps.db, eventId, { ...filter, boothId: booth, categoryId: category, limit: limit ?? 100 }));
  });

  r.post('/events/:eventId/deals/:dealId/void', admin('verify'), async (req, res) => {
    const eventId = param(req, 'eventId');
    await deps.events.requireEvent(eventId);
    const { reason } = parseInput(voidInputSchema, req.body);
    res.json(await correctDeal(deps.ledger, 'void', { eventId, dealId: param(req, 'dealId'), reason, actor: actorOf(res) }));
  });

  for (const kind of ['restore', 'approve'] as const) {
    r.post(`/events/:eventId/deals/:dealId/${kind}`, admin('verify'), async (req, res) => {
      const eventId = param(req, 'eventId');
      await deps.events.requireEvent(eventId);
      res.json(await correctDeal(deps.ledger, kind, { eventId, dealId: param(req, 'dealId'), actor: actorOf(res) }));
    });
  }
  return r;
}
