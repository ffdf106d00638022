import { Router, type Response } from 'express';
import { programmeCreateSchema, programmeEventAddSchema, type Programme } from '@dealboard/shared';
import { DomainError } from '../../core/errors.js';
import { parseInput } from '../../core/validate.js';
import { actorOf, principalOf } from '../auth.js';
import { everyone, type AdminAccess } from '../access.js';
import { readProgrammeTotals } from '../../programmes/programme-reads.js';
import { buildProgrammeRecap } from '../../programmes/programme-recap.js';
import { writeProgrammeCsv, writeProgrammeXlsx } from '../../programmes/programme-exports.js';
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
  /** The official national recap: read once, so the national line is exactly the sum of the venue lines. */
  const recapFor = async (res: Response, id: string) => {
    const programme = await programmes.require(id);
    if (!mayRead(res, programme)) throw notYours();
    return buildProgrammeRecap(programme, await readProgrammeTotals(deps, id));
  };
  const fileName = (name: string, ext: string) => `nasional-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'program'}.${ext}`;
  r.get('/programmes/:programmeId/recap', admin('read'), async (req, res) => {
    res.json(await recapFor(res, param(req, 'programmeId')));
  });
  r.get('/programmes/:programmeId/export.csv', admin('read'), async (req, res) => {
    const recap = await recapFor(res, param(req, 'programmeId'));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(recap.programme.name, 'csv')}"`);
    writeProgrammeCsv(res, recap);
  });
  r.get('/programmes/:programmeId/export.xlsx', admin('read'), async (req, res) => {
    const recap = await recapFor(res, param(req, 'programmeId'));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(recap.programme.name, 'xlsx')}"`);
    await writeProgrammeXlsx(res, recap);
  });
  r.get('/programmes/:programmeId/audit', admin('read'), async (req, res) => {
    const programme = await programmes.require(param(req, 'programmeId'));
    if (!mayRead(res, programme)) throw notYours();
    res.json({ entries: await programmes.audit(programme.id) });
  });
  return r;
}
