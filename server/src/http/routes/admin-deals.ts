import { Router, type RequestHandler } from 'express';
import { DEAL_KINDS, DEAL_STATUSES, voidInputSchema, type DealKind, type DealStatus } from '@dealboard/shared';
import { correctDeal } from '../../ledger/corrections.js';
import { listDeals } from '../../ledger/queries.js';
import { parseInput } from '../../validate.js';
import { actorOf } from '../auth.js';
import { param, query, type RouteDeps } from './deps.js';

/** The console's deal table and corrections: void, restore, approve. */
export function adminDealRoutes(deps: RouteDeps, admin: RequestHandler): Router {
  const r = Router();

  r.get('/events/:eventId/deals', admin, async (req, res) => {
    const eventId = param(req, 'eventId');
    await deps.events.requireEvent(eventId);
    const kind = query(req, 'kind');
    const status = query(req, 'status');
    const limit = Number(query(req, 'limit') ?? 100);
    const beforeSeq = query(req, 'beforeSeq');
    res.json(
      await listDeals(deps.db, eventId, {
        boothId: query(req, 'booth'),
        categoryId: query(req, 'category'),
        kind: DEAL_KINDS.includes(kind as DealKind) ? (kind as DealKind) : undefined,
        status: DEAL_STATUSES.includes(status as DealStatus) ? (status as DealStatus) : undefined,
        q: query(req, 'q'),
        limit: Number.isFinite(limit) && limit > 0 ? limit : 100,
        beforeSeq: beforeSeq && Number.isFinite(Number(beforeSeq)) ? Number(beforeSeq) : undefined,
      }),
    );
  });

  r.post('/events/:eventId/deals/:dealId/void', admin, async (req, res) => {
    const eventId = param(req, 'eventId');
    await deps.events.requireEvent(eventId);
    const { reason } = parseInput(voidInputSchema, req.body);
    res.json(await correctDeal(deps.ledger, 'void', { eventId, dealId: param(req, 'dealId'), reason, actor: actorOf(res) }));
  });

  for (const kind of ['restore', 'approve'] as const) {
    r.post(`/events/:eventId/deals/:dealId/${kind}`, admin, async (req, res) => {
      const eventId = param(req, 'eventId');
      await deps.events.requireEvent(eventId);
      res.json(await correctDeal(deps.ledger, kind, { eventId, dealId: param(req, 'dealId'), actor: actorOf(res) }));
    });
  }
  return r;
}
