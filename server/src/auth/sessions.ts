import { createHmac } from 'node:crypto';
import type { Db } from '../store/db.js';
import { newToken } from '../core/ids.js';

export const SESSION_COOKIE = 'dealboard_admin';
const SESSION_HOURS = 12;
const EPOCH_KEY = 'session_epoch';

/**
 * Console sessions: a random id in an httpOnly cookie, expiring after a working day.
 * The id is stored as an HMAC keyed by the admin token's record, so a session is
 * bound to the token it was opened with: a restart with a new ADMIN_TOKEN leaves
 * every old cookie worthless. Each row also keeps the stamp of what it was opened
 * with, which ConsoleSessions compares with the current one at every use.
 */
export class AdminSessions {
  constructor(
    private readonly db: Db,
    private readonly binding: () => string,
  ) {}

  private hash(id: string): string {
    return createHmac('sha256', this.binding()).update(id, 'utf8').digest('hex');
  }

  /** A new session, for an account (its id) or for the admin token (null), with the stamp it was opened under. */
  async create(accountId: string | null, stamp: string): Promise<{ id: string; maxAgeMs: number }> {
    const id = newToken();
    const now = Date.now();
    await this.db.deleteFrom('admin_sessions').where('expires_at', '<', new Date(now).toISOString()).execute();
    await this.db
      .insertInto('admin_sessions')
      .values({ id_hash: this.hash(id), created_at: new Date(now).toISOString(), expires_at: new Date(now + SESSION_HOURS * 3_600_000).toISOString(), account_id: accountId, stamp })
      .execute();
    return { id, maxAgeMs: SESSION_HOURS * 3_600_000 };
  }

  /** The live session's owner (`accountId` null: the admin token) and stamp, or undefined. */
  async verify(id: string | undefined): Promise<{ accountId: string | null; stamp: string | null } | undefined> {
    if (!id || id.length > 200) return undefined;
    const row = await this.db.selectFrom('admin_sessions').select(['expires_at', 'account_id', 'stamp']).where('id_hash', '=', this.hash(id)).executeTakeFirst();
    return row && row.expires_at > new Date().toISOString() ? { accountId: row.account_id, stamp: row.stamp } : undefined;
  }

  /** Changes with every sign-out everywhere: part of every session's stamp. */
  async epoch(): Promise<string> {
    return (await this.db.selectFrom('meta').select('value').where('key', '=', EPOCH_KEY).executeTakeFirst())?.value ?? '0';
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id) await this.db.deleteFrom('admin_sessions').where('id_hash', '=', this.hash(id)).execute();
  }

  /**
   * Sign out everywhere: every console session ends; returns how many there were. The epoch
   * changes with it, so a sign-in that checked its password before and stores its session
   * after is refused too (its stamp names the old epoch).
   */
  async destroyAll(): Promise<number> {
    const value = newToken();
    return this.db.transaction().execute(async (trx) => {
      await trx.insertInto('meta').values({ key: EPOCH_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      const r = await trx.deleteFrom('admin_sessions').executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
