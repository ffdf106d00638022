import { Router, type Response } from 'express';
import type { AdminAccess } from '../access.js';
import type { AdminBooth, PublicEvent } from '@dealboard/shared';
import { notFound } from '../../core/errors.js';
import { dealPages } from '../../ledger/reads/queries.js';
import type { Db } from '../../store/db.js';
import { buildRecap, dealRows, type DealRow } from '../../reports/recap.js';
import { writeCsv, writeMousCsv, writeSummaryCsv, writeXlsx } from '../../reports/exports.js';
import { readBuyerRecords, type BuyerRecordRow } from '../../buyer/buyer-records.js';
import { param, type RouteDeps } from './deps.js';
import { MouRegister } from '../../mou/mou-register.js';

/**
 * Export rows a page at a time, up to the `seq` the export started at (later deals wait for the next
 * export), numbered 1, 2, 3… across pages, each with what its buyer gave when confirming.
 */
async function* rowPages(db: Db, event: PublicEvent, booths: AdminBooth[], upToSeq: number, records: BuyerRecordRow[]): AsyncGenerator<DealRow[]> {
  const byDeal = new Map(records.map((r) => [r.dealId, r]));
  let no = 1;
  for await (const deals of dealPages(db, event.id, { upToSeq })) {
    yield dealRows(event, booths, deals, byDeal, no);
    no += deals.length;
  }
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
    const records = await readBuyerRecords(deps.db, eventId);
    return { event, totals, booths, mous, records, recap: () => buildRecap(event, totals, booths, mous, records) };
  };
  const attach = (res: Response, type: string, name: string) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  };
  const CSV = 'text/csv; charset=utf-8';
  const fileName = (name: string, ext: string, what = 'transaksi') =>
    `${what}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'acara'}.${ext}`;

  r.get('/events/:eventId/recap', admin('read'), async (req, res) => {
    res.json((await load(param(req, 'eventId'))).recap());
  });

  // The deals, one row each: one table a spreadsheet can filter and pivot.
  r.get('/events/:eventId/export.csv', admin('read'), async (req, res) => {
    const { event, totals, booths, records } = await load(param(req, 'eventId'));
    attach(res, CSV, fileName(event.name, 'csv'));
    await streamed(res, () => writeCsv(res, rowPages(deps.db, event, booths, totals.seq, records)));
  });

  r.get('/events/:eventId/export-mous.csv', admin('read'), async (req, res) => {
    const { event, recap } = await load(param(req, 'eventId'));
    attach(res, CSV, fileName(event.name, 'csv', 'mou'));
    writeMousCsv(res, recap());
  });

  r.get('/events/:eventId/export-summary.csv', admin('read'), async (req, res) => {
    const { event, recap } = await load(param(req, 'eventId'));
    attach(res, CSV, fileName(event.name, 'csv', 'ringkasan'));
    writeSummaryCsv(res, recap());
  });

  r.get('/events/:eventId/export.xlsx', admin('read'), async (req, res) => {
    const { event, totals, booths, records, recap } = await load(param(req, 'eventId'));
    attach(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(event.name, 'xlsx'));
    await streamed(res, () => writeXlsx(res, rowPages(deps.db, event, booths, totals.seq, records), recap()));
  });

  return r;
}
