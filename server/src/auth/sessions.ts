import type { Db } from '../store/db.js';
import { hashToken, newToken } from '../ledger/ids.js';

export const SESSION_COOKIE = 'dealboard_admin';
const SESSION_HOURS = 12;

/** Console sessions: a random id in an httpOnly cookie, stored hashed, expiring after a working day. */
export class AdminSessions {
  constructor(private readonly db: Db) {}

  async create(): Promise<{ id: string; maxAgeMs: number }> {
    const id = newToken();
    const now = Date.now();
    await this.db.deleteFrom('admin_sessions').where('expires_at', '<', new Date(now).toISOString()).execute();
    await this.db
      .insertInto('admin_sessions')
      .values({ id_hash: hashToken(id), created_at: new Date(now).toISOString(), expires_at: new Date(now + SESSION_HOURS * 3_600_000).toISOString() })
      .execute();
    return { id, maxAgeMs: SESSION_HOURS * 3_600_000 };
  }

  async verify(id: string | undefined): Promise<boolean> {
    if (!id || id.length > 200) return false;
    const row = await this.db.selectFrom('admin_sessions').select('expires_at').where('id_hash', '=', hashToken(id)).executeTakeFirst();
    return Boolean(row && row.expires_at > new Date().toISOString());
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id) await this.db.deleteFrom('admin_sessions').where('id_hash', '=', hashToken(id)).execute();
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
