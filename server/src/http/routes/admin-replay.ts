import { Router, type RequestHandler } from 'express';
import { replayStartSchema } from '@dealboard/shared';
import { parseInput } from '../../validate.js';
import { actorOf } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

/** Replays of closed events onto rehearsal copies: start, follow, stop. */
export function adminReplayRoutes(deps: RouteDeps, admin: RequestHandler): Router {
  const r = Router();
  r.post('/events/:eventId/replay', admin, async (req, res) => {
    const { speed } = parseInput(replayStartSchema, req.body ?? {});
    res.status(201).json(await deps.replays.start(param(req, 'eventId'), speed, actorOf(res)));
  });
  r.get('/replays', admin, (_req, res) => {
    res.json({ replays: deps.replays.list() });
  });
  r.get('/replays/:replayId', admin, (req, res) => {
    res.json(deps.replays.get(param(req, 'replayId')));
  });
  r.post('/replays/:replayId/stop', admin, (req, res) => {
    res.json(deps.replays.stop(param(req, 'replayId')));
  });
  return r;
}
