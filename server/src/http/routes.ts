import { Router, type Request } from 'express';
import { eventCreateSchema, boothCreateSchema, voidInputSchema } from '@dealboard/shared';
import type { AdminAuth } from '../auth/admin-auth.js';
import type { EventsRepo } from '../ledger/events-repo.js';
import type { BoothsRepo } from '../ledger/booths-repo.js';
import type { Ledger } from '../ledger/ledger.js';
import { correctDeal } from '../ledger/corrections.js';
import type { DealIntake } from '../ledger/intake.js';
import { notFound } from '../ledger/errors.js';
import { storeIsHealthy, type Db } from '../store/db.js';
import { boothFromRequest, requireAdmin } from './auth.js';
import { parseInput } from '../validate.js';

export interface RouteDeps {
  db: Db;
  events: EventsRepo;
  booths: BoothsRepo;
  ledger: Ledger;
  intake: DealIntake;
  adminAuth: AdminAuth;
  /** Base URL for join links, decided when the server listens. */
  baseUrl: () => string;
}

/** The public API under /api/v1: thin adapters over the ledger. */
export function apiRouter(deps: RouteDeps): Router {
  const { events, ledger } = deps;
  const admin = requireAdmin(deps.adminAuth);
  const r = Router();

  r.get('/health', async (_req, res) => {
    if (await storeIsHealthy(deps.db)) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'unavailable' });
  });

  r.post('/events', admin, async (req, res) => {
    const input = parseInput(eventCreateSchema, req.body);
    res.status(201).json(await events.createEvent(input));
  });

  r.get('/events', admin, async (_req, res) => {
    res.json({ events: await events.listEvents() });
  });

  r.get('/events/:eventId', async (req, res) => {
    res.json(await events.requireEvent(param(req, 'eventId')));
  });

  r.get('/events/:eventId/booths', admin, async (req, res) => {
    await events.requireEvent(param(req, 'eventId'));
    res.json({ booths: await deps.booths.list(param(req, 'eventId')) });
  });

  r.post('/events/:eventId/booths', admin, async (req, res) => {
    const eventId = param(req, 'eventId');
    const input = parseInput(boothCreateSchema, req.body);
    const { booth, token } = await deps.booths.create(eventId, input, 'admin');
    res.status(201).json({
      id: booth.id,
      name: booth.name,
      delegationId: booth.delegationId,
      token,
      joinUrl: `${deps.baseUrl()}/join/${token}`,
    });
  });

  r.post('/events/:eventId/deals', async (req, res) => {
    const eventId = param(req, 'eventId');
    const booth = await boothFromRequest(req, deps.booths);
    await events.requireEvent(eventId);
    if (booth.eventId !== eventId) throw notFound('Event', 'Acara');
    const receipt = await deps.intake.submit(booth, req.body);
    res.status(receipt.duplicate ? 200 : 201).json(receipt);
  });

  r.post('/events/:eventId/deals/:dealId/void', admin, async (req, res) => {
    const eventId = param(req, 'eventId');
    await events.requireEvent(eventId);
    const { reason } = parseInput(voidInputSchema, req.body);
    res.json(await correctDeal(ledger, 'void', { eventId, dealId: param(req, 'dealId'), reason, actor: 'admin' }));
  });

  r.get('/events/:eventId/totals', async (req, res) => {
    const totals = await ledger.totals(param(req, 'eventId'));
    if (!totals) throw notFound('Event', 'Acara');
    res.json(totals);
  });

  r.get('/operator/session', async (req, res) => {
    const booth = await boothFromRequest(req, deps.booths);
    const event = await events.requireEvent(booth.eventId);
    const { revoked: _revoked, ...publicBooth } = booth;
    res.json({ booth: publicBooth, event });
  });

  return r;
}

function param(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
}
