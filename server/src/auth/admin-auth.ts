import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from '../store/db.js';
import { hashToken, hashesEqual, newToken } from '../core/ids.js';

const KEY = 'admin_token_hash';
/** scrypt cost: about 16 MB and 50 ms a try, on libuv's thread pool (the event loop stays free). */
const COST: ScryptOptions = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LEN = 32;

function derive(token: string, salt: Buffer, opts: ScryptOptions = COST): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(token, salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can grow without breaking stored records. */
async function record(token: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(token, salt);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

async function matches(stored: string, token: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt' || parts.length !== 6) return hashesEqual(hashToken(token), stored); // legacy unsalted SHA-256
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(token, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const isLegacy = (stored: string) => !stored.startsWith('scrypt$');
const fingerprint = (stored: string) => `t${hashToken(stored).slice(0, 16)}`;

/**
 * The organiser's admin token. Only a salted scrypt hash is stored (a person may
 * have chosen the token, so a fast unsalted hash would be guessable offline). A
 * token made on first start is returned once so `main` can print it, and never again.
 *
 * scrypt costs ~50 ms on purpose; the console and scripts call the API often, so a
 * token that verified once is remembered as an HMAC under a key that lives only in
 * this process, and later calls compare that in constant time.
 */
export class AdminAuth {
  private readonly macKey = randomBytes(32);
  private verifiedMac: Buffer | undefined;

  private constructor(
    private readonly db: Db,
    private stored: string,
  ) {}

  /** Changes whenever the admin token does: console sessions are bound to it. */
  get binding(): string {
    return this.stored;
  }

  static async init(db: Db, fromEnv: string | undefined): Promise<{ auth: AdminAuth; createdToken?: string; changed: boolean }> {
    const read = async () => (await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst())?.value;
    const row = await read();
    if (fromEnv) {
      if (row && !isLegacy(row) && (await matches(row, fromEnv))) return { auth: new AdminAuth(db, row), changed: false };
      // No record, the legacy SHA-256 of this token (migrated here), or another token (old sessions die with it).
      const changed = Boolean(row) && !(await matches(row!, fromEnv));
      const fresh = await record(fromEnv);
      // Compare-and-swap: nodes of a cluster that start together all end on the one record stored.
      if (row) await db.updateTable('meta').set({ value: fresh }).where('key', '=', KEY).where('value', '=', row).execute();
      else await db.insertInto('meta').values({ key: KEY, value: fresh }).onConflict((oc) => oc.column('key').doNothing()).execute();
      const now = await read();
      return { auth: new AdminAuth(db, now && (await matches(now, fromEnv)) ? now : fresh), changed };
    }
    if (row) return { auth: new AdminAuth(db, row), changed: false };
    const token = newToken();
    const fresh = await record(token);
    // Nodes of a cluster may start together: the first to store a record wins, the others use it.
    const stored = await db.insertInto('meta').values({ key: KEY, value: fresh }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
    if (stored) return { auth: new AdminAuth(db, fresh), createdToken: token, changed: false };
    return { auth: new AdminAuth(db, (await read())!), changed: false };
  }

  async verify(token: unknown): Promise<boolean> {
    return (await this.verifyCredential(token)) !== undefined;
  }

  /**
   * The credential (see `credential`) the token matched, or undefined. It names the record
   * read before the ~50 ms check, so a sign-in that overlapped a token change names the old one.
   */
  async verifyCredential(token: unknown): Promise<string | undefined> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return undefined;
    const stored = await this.current();
    const mac = createHmac('sha256', this.macKey).update(token, 'utf8').digest();
    if (this.verifiedMac && timingSafeEqual(mac, this.verifiedMac)) return fingerprint(stored);
    if (!(await matches(stored, token))) return undefined;
    if (stored !== this.stored) return undefined; // changed meanwhile
    this.verifiedMac = mac;
    // A record from before salted hashing, with the token in hand at last: store it the new way.
    if (isLegacy(this.stored)) {
      this.stored = await record(token);
      await this.save();
    }
    return fingerprint(this.stored);
  }

  /** Names the admin token now stored: console sessions opened with the token carry it, and end when it changes. */
  async credential(): Promise<string> {
    return fingerprint(await this.current());
  }

  /**
   * The record in the store, which another node of a cluster may have replaced (a restart with a
   * new ADMIN_TOKEN): this node then refuses the old token at once, as the restarted node does.
   */
  private async current(): Promise<string> {
    const row = (await this.db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst())?.value;
    if (row && row !== this.stored) {
      this.stored = row;
      this.verifiedMac = undefined;
    }
    return this.stored;
  }

  private async save() {
    const value = this.stored;
    await this.db
      .insertInto('meta')
      .values({ key: KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}

/** The same salted scrypt record and check, for organiser account passwords. */
export { record as hashSecret, matches as secretMatches };
