import { Router } from 'express';
import type { AdminAccess } from '../access.js';
import { eventCreateSchema, eventStatusChangeSchema, eventUpdateSchema } from '@dealboard/shared';
import { SESSION_COOKIE, readCookie } from '../../auth/sessions.js';
import { audit, listAudit } from '../../ledger/audit.js';
import { DomainError, rateLimited } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { actorOf, addressOf, principalOf, unauthorized } from '../auth.js';
import { everyone } from '../access.js';
import type { SignIn } from '../../auth/console-sessions.js';
import { param, type RouteDeps } from './deps.js';

/** Console sign-in (cookie session, rate limited per address) and event set-up. */
export function adminEventRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();

  /** Sign in with the admin token, or with an account's name and password: the same limits for both. */
  r.post('/admin/session', everyone, async (req, res) => {
    const address = addressOf(req);
    const wait = deps.signInLimiter.take(address);
    if (wait > 0) throw rateLimited(wait, 'signin');
    const blocked = await deps.adminGuard.blockedFor(address, req.path);
    if (blocked > 0) throw rateLimited(blocked, 'admin');
    const opened = await deps.consoleSessions.signIn((req.body ?? {}) as SignIn);
    if (!opened) {
      await deps.adminGuard.failed(address, 'sign-in', req.path);
      throw unauthorized();
    }
    const { who, session } = opened;
    await audit(deps.db, { actor: who.name, action: 'session.create', eventId: null, after: { address } });
    res.cookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: session.maxAgeMs, path: '/' });
    res.status(204).end();
  });
  r.get('/admin/session', admin('read'), (_req, res) => {
    res.json({ signedIn: true });
  });
  r.delete('/admin/session', everyone, async (req, res) => {
    await deps.sessions.destroy(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  /** Sign out everywhere: every console session ends (a lost laptop, a token shown to the wrong person). */
  r.delete('/admin/sessions', admin('owner'), async (_req, res) => {
    const ended = await deps.sessions.destroyAll();
    await audit(deps.db, { actor: actorOf(res), action: 'session.destroy_all', eventId: null, after: { ended } });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ ended });
  });

  r.post('/events', admin('owner'), async (req, res) => {
    const input = parseInput(eventCreateSchema, req.body);
    res.status(201).json(await deps.events.createEvent(input, undefined, actorOf(res)));
  });
  r.get('/events', admin('read'), async (req, res) => {
    const mine = principalOf(res).events;
    const events = await deps.events.listEvents(req.query.archived === '1');
    res.json({ events: mine ? events.filter((e) => mine.includes(e.id)) : events });
  });
  r.patch('/events/:eventId', admin('owner'), async (req, res) => {
    const patch = parseInput(eventUpdateSchema, req.body);
    if (Object.keys(patch).length === 0) throw new DomainError('bad_request', 'Nothing to change', 'Tidak ada yang diubah');
    res.json(await deps.events.updateEvent(param(req, 'eventId'), patch, actorOf(res)));
  });
  r.post('/events/:eventId/status', admin('owner'), async (req, res) => {
    const { status } = parseInput(eventStatusChangeSchema, req.body);
    res.json(await deps.events.setStatus(param(req, 'eventId'), status, actorOf(res)));
  });
  r.get('/events/:eventId/audit', admin('read'), async (req, res) => {
    await deps.events.requireEvent(param(req, 'eventId'));
    res.json({ entries: await listAudit(deps.db, param(req, 'eventId')) });
  });
  return r;
}
