import type { Db } from '../store/db.js';
import { hashToken, hashesEqual, newToken } from '../ledger/ids.js';

const KEY = 'admin_token_hash';

/**
 * The organiser's admin token. Only its hash is stored; a token made on first
 * start is returned once so `main` can print it, and never again.
 */
export class AdminAuth {
  private constructor(private hash: string) {}

  static async init(db: Db, fromEnv: string | undefined): Promise<{ auth: AdminAuth; createdToken?: string }> {
    if (fromEnv) {
      const hash = hashToken(fromEnv);
      await db
        .insertInto('meta')
        .values({ key: KEY, value: hash })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
        .execute();
      return { auth: new AdminAuth(hash) };
    }
    const row = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst();
    if (row) return { auth: new AdminAuth(row.value) };
    const token = newToken();
    const hash = hashToken(token);
    // Nodes of a cluster may start together: the first to store a hash wins, the others use it.
    const stored = await db.insertInto('meta').values({ key: KEY, value: hash }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
    if (stored) return { auth: new AdminAuth(hash), createdToken: token };
    const winner = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
    return { auth: new AdminAuth(winner.value) };
  }

  verify(token: string): boolean {
    if (typeof token !== 'string' || token.length > 200) return false;
    return hashesEqual(hashToken(token), this.hash);
  }
}
