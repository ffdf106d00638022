import { Router } from 'express';
import type { AdminAccess } from '../access.js';
import { replayStartSchema } from '@dealboard/shared';
import { parseInput } from '../../core/validate.js';
import { actorOf, principalOf } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

/** Replays of closed events onto rehearsal copies: start, follow, stop. */
export function adminReplayRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();
  r.post('/events/:eventId/replay', admin('owner'), async (req, res) => {
    const { speed } = parseInput(replayStartSchema, req.body ?? {});
    res.status(201).json(await deps.replays.start(param(req, 'eventId'), speed, actorOf(res)));
  });
  r.get('/replays', admin('read'), (_req, res) => {
    // An account limited to some events sees the replays of those events only.
    const mine = principalOf(res).events;
    res.json({ replays: deps.replays.list().filter((p) => !mine || mine.includes(p.eventId) || mine.includes(p.fromEventId)) });
  });
  r.get('/replays/:replayId', admin('owner'), (req, res) => {
    res.json(deps.replays.get(param(req, 'replayId')));
  });
  r.post('/replays/:replayId/stop', admin('owner'), (req, res) => {
    res.json(deps.replays.stop(param(req, 'replayId')));
  });
  return r;
}
