import { Router } from 'express';
import type { AdminAccess } from '../access.js';
import { z } from 'zod';
import { BOARD_COMMANDS, type ScreensList } from '@dealboard/shared';
import { audit } from '../../ledger/audit.js';
import { parseInput } from '../../core/validate.js';
import { actorOf } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

const commandSchema = z.object({ command: z.enum(BOARD_COMMANDS), screenId: z.string().max(64).optional() }).strict();

/** Connected boards and commands to them. */
export function screenRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();
  r.get('/events/:eventId/screens', admin('read'), async (req, res) => {
    await deps.events.requireEvent(param(req, 'eventId'));
    const body: ScreensList = { screens: await deps.screens.list(param(req, 'eventId')), mode: await deps.screens.modeOf(param(req, 'eventId')) };
    res.json(body);
  });
  r.post('/events/:eventId/screens/command', admin('desk'), async (req, res) => {
    const eventId = param(req, 'eventId');
    await deps.events.requireEvent(eventId);
    const { command, screenId } = parseInput(commandSchema, req.body);
    const told = await deps.screens.command(eventId, command, screenId);
    await audit(deps.db, { actor: actorOf(res), action: `screens.${command}`, eventId, subject: screenId ?? 'all', after: { told } });
    res.json({ told });
  });
  return r;
}
