import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * Codes that mean the store itself cannot do its job, whatever the request: SQLite's result codes
 * (better-sqlite3 gives extended ones such as SQLITE_IOERR_WRITE or SQLITE_READONLY_DBMOVED), the
 * system's, and PostgreSQL's SQLSTATE classes for lack of resources (53), operator intervention
 * (57), system errors (58), lost connections (08) and a read-only transaction (25006).
 */
const SQLITE_FAULTS = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|PERM|NOMEM|BUSY|LOCKED|PROTOCOL)/;
const SYSTEM_FAULTS = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EDQUOT', 'EMFILE', 'ENFILE', 'ECONNREFUSED', 'ECONNRESET']);
const SQLSTATE_FAULTS = /^(53|57|58|08)[0-9A-Z]{3}$|^25006$/;

/** The code naming a store fault in `err` (or its cause), or undefined when the error is about the request. */
export function storeFaultCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SQLITE_FAULTS.test(code) || SYSTEM_FAULTS.has(code) || SQLSTATE_FAULTS.test(code))) return code;
  }
  return undefined;
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/**
 * Whether the store can write, from the outcomes of real writes: the first failure moves it to
 * "failing" and the next success back. Each change of state is logged once with the real cause
 * (SQLITE_FULL, ENOSPC, EROFS…), not once per refused deal; `/health` answers 503 while failing.
 * Store-neutral: the SQLite and PostgreSQL ledgers report to it alike.
 */
export class StoreHealth {
  private failing: { code: string; reason: string; since: number; failures: number } | undefined;

  constructor(private readonly logger: Logger) {}

  get writable(): boolean {
    return this.failing === undefined;
  }

  /** What `/health` shows: the fault's code and since when, while failing. */
  status(): { writable: true } | { writable: false; code: string; since: string; failures: number } {
    const f = this.failing;
    return f ? { writable: false, code: f.code, since: new Date(f.since).toISOString(), failures: f.failures } : { writable: true };
  }

  /**
   * Whether the fault is one of reaching the store (a lost connection, a server restarting) rather
   * than of the store itself (a full disk, a read-only file): then a store that answers again can
   * write again, and `/health` may say so before the next real write (a load balancer sends none
   * to a node it has taken out).
   */
  get unreachable(): boolean {
    const code = this.failing?.code;
    return code !== undefined && (/^(08|57)[0-9A-Z]{3}$/.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET');
  }

  /** A write committed. */
  succeeded(): void {
    const f = this.failing;
    if (!f) return;
    this.failing = undefined;
    this.logger.warn(
      { code: f.code, failures: f.failures, downMs: Date.now() - f.since },
      `ledger writes again after ${f.failures} failed write(s) over ${Math.round((Date.now() - f.since) / 1000)} s (${f.code})`,
    );
  }

  /** A write failed. True (and recorded) when it is a store fault; false when the error is the request's own. */
  failed(err: unknown): boolean {
    const code = storeFaultCode(err);
    if (!code) return false;
    const f = this.failing;
    if (f && f.code === code) {
      f.failures++;
      return true;
    }
    const reason = reasonOf(err);
    this.failing = { code, reason, since: f?.since ?? Date.now(), failures: (f?.failures ?? 0) + 1 };
    this.logger.error({ code, reason }, `ledger cannot write (${code}: ${reason}); deals are refused with store_unavailable until it can`);
    return true;
  }
}

/**
 * True when the store answers a trivial query within `ms`. A PostgreSQL server that
 * is gone makes the pool wait for a connection; /health must say 503 before that.
 */
export async function storeIsHealthy(db: Db, ms = 1_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
