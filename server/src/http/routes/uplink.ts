import { Router, type NextFunction, type Request, type Response } from 'express';
import { everyone, type AdminAccess } from '../access.js';
import { parseInput } from '../../core/validate.js';
import { actorOf, bearer } from '../auth.js';
import type { UplinkCentral, UplinkStatus } from '../../uplink/central.js';
import { uplinkBatchSchema } from '../../uplink/wire.js';
import { param, type RouteDeps } from './deps.js';

/**
 * The uplink token's check before a venue's (large) batch is read; marked public for the route
 * table because it checks its own token, as the deal intake checks a booth's.
 */
export function requireUplink(central: UplinkCentral) {
  const check = async (req: Request, res: Response, next: NextFunction) => {
    res.locals.uplink = await central.authenticate(bearer(req));
    next();
  };
  return Object.assign((req: Request, res: Response, next: NextFunction) => void check(req, res, next).catch(next), { need: 'public' as const });
}

/**
 * Uplinks. On the central: the console issues (again) and revokes an event's token and reads how
 * its venue stands; the venue calls in with the token. On a venue: the console reads its forwarder.
 */
export function uplinkRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();
  const viaToken = requireUplink(deps.uplink);

  r.get('/events/:eventId/uplink', admin('read'), async (req, res) => {
    await deps.events.requireEvent(param(req, 'eventId'));
    res.json(await deps.uplink.status(param(req, 'eventId')));
  });

  /** A new token for the event's venue (shown only here); one issued before stops working. */
  r.post('/events/:eventId/uplink', admin('owner'), async (req, res) => {
    const { token, status } = await deps.uplink.issue(param(req, 'eventId'), actorOf(res));
    res.status(201).json({ ...status, token });
  });

  r.delete('/events/:eventId/uplink', admin('owner'), async (req, res) => {
    res.json(await deps.uplink.revoke(param(req, 'eventId'), actorOf(res)));
  });

  /** The venue asks where to resume (after a restart of either side, or a refused batch). */
  r.get('/uplink/status', viaToken, (_req, res) => {
    res.json(res.locals.uplink as UplinkStatus);
  });

  // The token was checked before the body was read (`requireUplink` in the app); `receive` checks it again as it applies.
  r.post('/uplink/changes', everyone, async (req, res) => {
    const batch = parseInput(uplinkBatchSchema, req.body);
    res.json(await deps.uplink.receive(bearer(req), batch));
  });

  /** This venue's own forwarder (unset when the server forwards nothing). */
  r.get('/uplink', admin('read'), (_req, res) => {
    res.json({ forwarding: deps.forwarder?.() ?? null });
  });

  return r;
}
