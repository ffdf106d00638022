import { Router, type RequestHandler } from 'express';
import { eventCreateSchema, eventStatusChangeSchema, eventUpdateSchema } from '@dealboard/shared';
import { SESSION_COOKIE, readCookie } from '../../auth/sessions.js';
import { audit, listAudit } from '../../ledger/audit.js';
import { DomainError, rateLimited } from '../../ledger/errors.js';
import { parseInput } from '../../validate.js';
import { actorOf, addressOf, unauthorized } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

/** Console sign-in (cookie session, rate limited per address) and event set-up. */
export function adminEventRoutes(deps: RouteDeps, admin: RequestHandler): Router {
  const r = Router();

  r.post('/admin/session', async (req, res) => {
    const address = addressOf(req);
    const wait = deps.signInLimiter.take(address);
    if (wait > 0) throw rateLimited(wait, 'signin');
    const blocked = await deps.adminGuard.blockedFor(address, req.path);
    if (blocked > 0) throw rateLimited(blocked, 'admin');
    const token = (req.body as { token?: unknown } | undefined)?.token;
    if (!(await deps.adminAuth.verify(token))) {
      await deps.adminGuard.failed(address, 'sign-in', req.path);
      throw unauthorized();
    }
    const session = await deps.sessions.create();
    await audit(deps.db, { actor: 'admin (console)', action: 'session.create', eventId: null, after: { address } });
    res.cookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: session.maxAgeMs, path: '/' });
    res.status(204).end();
  });
  r.get('/admin/session', admin, (_req, res) => {
    res.json({ signedIn: true });
  });
  r.delete('/admin/session', async (req, res) => {
    await deps.sessions.destroy(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  /** Sign out everywhere: every console session ends (a lost laptop, a token shown to the wrong person). */
  r.delete('/admin/sessions', admin, async (_req, res) => {
    const ended = await deps.sessions.destroyAll();
    await audit(deps.db, { actor: actorOf(res), action: 'session.destroy_all', eventId: null, after: { ended } });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ ended });
  });

  r.post('/events', admin, async (req, res) => {
    const input = parseInput(eventCreateSchema, req.body);
    res.status(201).json(await deps.events.createEvent(input, undefined, actorOf(res)));
  });
  r.get('/events', admin, async (req, res) => {
    res.json({ events: await deps.events.listEvents(req.query.archived === '1') });
  });
  r.patch('/events/:eventId', admin, async (req, res) => {
    const patch = parseInput(eventUpdateSchema, req.body);
    if (Object.keys(patch).length === 0) throw new DomainError('bad_request', 'Nothing to change', 'Tidak ada yang diubah');
    res.json(await deps.events.updateEvent(param(req, 'eventId'), patch, actorOf(res)));
  });
  r.post('/events/:eventId/status', admin, async (req, res) => {
    const { status } = parseInput(eventStatusChangeSchema, req.body);
    res.json(await deps.events.setStatus(param(req, 'eventId'), status, actorOf(res)));
  });
  r.get('/events/:eventId/audit', admin, async (req, res) => {
    await deps.events.requireEvent(param(req, 'eventId'));
    res.json({ entries: await listAudit(deps.db, param(req, 'eventId')) });
  });
  return r;
}
