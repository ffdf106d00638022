import { Router, type Response } from 'express';
import type { AdminAccess } from '../access.js';
import type { AdminBooth, PublicEvent } from '@dealboard/shared';
import { notFound } from '../../core/errors.js';
import { dealPages } from '../../ledger/reads/queries.js';
import type { Db } from '../../store/db.js';
import { buildRecap, dealRows, type DealRow } from '../../reports/recap.js';
import { writeCsv, writeXlsx } from '../../reports/exports.js';
import { param, type RouteDeps } from './deps.js';
import { MouRegister } from '../../mou/mou-register.js';

/** Export rows a page at a time, up to the `seq` the export started at (later deals wait for the next export). */
async function* rowPages(db: Db, event: PublicEvent, booths: AdminBooth[], upToSeq: number): AsyncGenerator<DealRow[]> {
  for await (const deals of dealPages(db, event.id, { upToSeq })) yield dealRows(event, booths, deals);
}

/** Once the file has started, a failure can only cut it short: the client sees an incomplete download, not a JSON error. */
async function streamed(res: Response, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    if (!res.headersSent) throw e;
    res.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

/** Exports and the official recap. */
export function reportRoutes(deps: RouteDeps, admin: AdminAccess): Router {
  const r = Router();

  const load = async (eventId: string) => {
    const event = await deps.events.requireEvent(eventId);
    const totals = await deps.ledger.totals(eventId);
    if (!totals) throw notFound('Event', 'Acara');
    const booths = await deps.booths.list(eventId);
    const mous = await new MouRegister(deps.db, deps.ledger).list(eventId);
    return { event, totals, booths, mous };
  };
  const fileName = (name: string, ext: string) =>
    `transaksi-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'acara'}.${ext}`;

  r.get('/events/:eventId/recap', admin('read'), async (req, res) => {
    const { event, totals, booths, mous } = await load(param(req, 'eventId'));
    res.json(buildRecap(event, totals, booths, mous));
  });

  r.get('/events/:eventId/export.csv', admin('read'), async (req, res) => {
    const { event, totals, booths, mous } = await load(param(req, 'eventId'));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(event.name, 'csv')}"`);
    await streamed(res, () => writeCsv(res, rowPages(deps.db, event, booths, totals.seq), buildRecap(event, totals, booths, mous)));
  });

  r.get('/events/:eventId/export.xlsx', admin('read'), async (req, res) => {
    const { event, totals, booths, mous } = await load(param(req, 'eventId'));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(event.name, 'xlsx')}"`);
    await streamed(res, () => writeXlsx(res, rowPages(deps.db, event, booths, totals.seq), buildRecap(event, totals, booths, mous)));
  });

  return r;
}
