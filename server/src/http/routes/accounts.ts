import { Router } from 'express';
import { accountCreateSchema, accountUpdateSchema, type Me } from '@dealboard/shared';
import { parseInput } from '../../core/validate.js';
import { actorOf, principalOf } from '../auth.js';
import type { AdminAccess } from '../access.js';
import { param, type RouteDeps } from './deps.js';

/** Who is signed in, and the organiser accounts (owners only). */
export function accountRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();

  /** The console learns the person and role from here, and hides what the role cannot do. */
  r.get('/admin/me', admin('read'), (_req, res) => {
    const p = principalOf(res);
    const me: Me = { name: p.name, role: p.role, events: p.events, via: p.via };
    res.json(me);
  });

  r.get('/accounts', admin('owner'), async (_req, res) => {
    res.json({ accounts: await deps.accounts.list() });
  });

  r.post('/accounts', admin('owner'), async (req, res) => {
    const input = parseInput(accountCreateSchema, req.body);
    res.status(201).json(await deps.accounts.create(input, actorOf(res)));
  });

  /** Role, events, a new password, disable or enable; any change but an enable ends the account's console sessions. */
  r.patch('/accounts/:accountId', admin('owner'), async (req, res) => {
    const patch = parseInput(accountUpdateSchema, req.body);
    res.json(await deps.accounts.update(param(req, 'accountId'), patch, actorOf(res)));
  });

  r.delete('/accounts/:accountId', admin('owner'), async (req, res) => {
    await deps.accounts.remove(param(req, 'accountId'), actorOf(res));
    res.status(204).end();
  });

  return r;
}
