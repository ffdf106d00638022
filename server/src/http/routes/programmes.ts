import { Router, type Response } from 'express';
import { programmeCreateSchema, programmeEventAddSchema, type Programme } from '@dealboard/shared';
import { DomainError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { actorOf, principalOf } from '../auth.js';
import { everyone, type AdminAccess } from '../access.js';
import { readProgrammeTotals } from '../../programmes/programme-reads.js';
import { param, type RouteDeps } from './deps.js';

/** An account limited to some events manages no programme, and reads one only when every venue of it is its own. */
function mayRead(res: Response, programme: Programme): boolean {
  const mine = principalOf(res).events;
  return !mine || programme.events.every((e) => mine.includes(e.id));
}
const notYours = () => new DomainError('role_forbidden', 'Your account is not for every event of this programme; ask an owner', 'Akun Anda tidak untuk semua acara program ini; minta pemilik');

/** Programmes: several events (venues) under one national target. Public reads, owner set-up. */
export function programmeRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();
  const { programmes } = deps;

  r.post('/programmes', admin('owner'), async (req, res) => {
    if (principalOf(res).events) throw notYours();
    const input = parseInput(programmeCreateSchema, req.body);
    res.status(201).json(await programmes.create(input, actorOf(res)));
  });
  r.get('/programmes', admin('read'), async (_req, res) => {
    res.json({ programmes: (await programmes.list()).filter((p) => mayRead(res, p)) });
  });
  r.get('/programmes/:programmeId', everyone, async (req, res) => {
    res.json(await programmes.require(param(req, 'programmeId')));
  });
  r.get('/programmes/:programmeId/totals', everyone, async (req, res) => {
    res.json(await readProgrammeTotals(deps, param(req, 'programmeId')));
  });
  r.post('/programmes/:programmeId/events', admin('owner'), async (req, res) => {
    if (principalOf(res).events) throw notYours();
    const { eventId } = parseInput(programmeEventAddSchema, req.body);
    res.status(201).json(await programmes.addEvent(param(req, 'programmeId'), eventId, actorOf(res)));
  });
  r.delete('/programmes/:programmeId/events/:memberId', admin('owner'), async (req, res) => {
    if (principalOf(res).events) throw notYours();
    res.json(await programmes.removeEvent(param(req, 'programmeId'), param(req, 'memberId'), actorOf(res)));
  });
  r.get('/programmes/:programmeId/audit', admin('read'), async (req, res) => {
    const programme = await programmes.require(param(req, 'programmeId'));
    if (!mayRead(res, programme)) throw notYours();
    res.json({ entries: await programmes.audit(programme.id) });
  });
  return r;
}
