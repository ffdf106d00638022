import { Router, type RequestHandler } from 'express';
import { notFound } from '../../ledger/errors.js';
import { allDeals } from '../../ledger/queries.js';
import { buildRecap, dealRows } from '../../reports/recap.js';
import { dealsCsv, dealsXlsx } from '../../reports/exports.js';
import { param, type RouteDeps } from './deps.js';

/** Exports and the official recap. */
export function reportRoutes(deps: RouteDeps, admin: RequestHandler): Router {
  const r = Router();

  const load = async (eventId: string) => {
    const event = await deps.events.requireEvent(eventId);
    const totals = await deps.ledger.totals(eventId);
    if (!totals) throw notFound('Event', 'Acara');
    const booths = await deps.booths.list(eventId);
    return { event, totals, booths };
  };
  const fileName = (name: string, ext: string) =>
    `transaksi-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'acara'}.${ext}`;

  r.get('/events/:eventId/recap', admin, async (req, res) => {
    const { event, totals, booths } = await load(param(req, 'eventId'));
    res.json(buildRecap(event, totals, booths));
  });

  r.get('/events/:eventId/export.csv', admin, async (req, res) => {
    const { event, booths } = await load(param(req, 'eventId'));
    const rows = dealRows(event, booths, await allDeals(deps.db, event.id));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(event.name, 'csv')}"`);
    res.send(dealsCsv(rows));
  });

  r.get('/events/:eventId/export.xlsx', admin, async (req, res) => {
    const { event, totals, booths } = await load(param(req, 'eventId'));
    const rows = dealRows(event, booths, await allDeals(deps.db, event.id));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(event.name, 'xlsx')}"`);
    res.send(await dealsXlsx(rows, buildRecap(event, totals, booths)));
  });

  return r;
}
