import { Router } from 'express';
import type { AdminAccess } from '../access.js';
import { z } from 'zod';
import { parseInput } from '../../core/validate.js';
import { actorOf } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

const archiveSchema = z.object({ archived: z.boolean() }).strict();
const deleteSchema = z.object({ confirm: z.string().max(64) }).strict();

/** Rehearsal wipe, archive and delete: an event's life outside its deals, every action audited. */
export function adminLifecycleRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();
  r.post('/events/:eventId/rehearsal/wipe', admin('owner'), async (req, res) => {
    res.json(await deps.lifecycle.wipeRehearsal(param(req, 'eventId'), actorOf(res)));
  });
  r.post('/events/:eventId/archive', admin('owner'), async (req, res) => {
    const { archived } = parseInput(archiveSchema, req.body);
    res.json(await deps.lifecycle.setArchived(param(req, 'eventId'), archived, actorOf(res)));
  });
  r.delete('/events/:eventId', admin('owner'), async (req, res) => {
    const { confirm } = parseInput(deleteSchema, req.body ?? {});
    await deps.lifecycle.deleteEvent(param(req, 'eventId'), confirm, actorOf(res));
    res.status(204).end();
  });
  return r;
}
