import type { AccountCreateInput, AccountUpdateInput, AccountView, Role } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { AdminAccountsTable } from '../store/schema.js';
import { audit, type Actor } from '../ledger/audit.js';
import { DomainError, notFound } from '../core/errors.js';
import { randomId } from '../core/ids.js';
import { hashSecret, secretMatches } from './admin-auth.js';

/** A signed-in organiser: an account, or the admin token (an owner of every event). */
export type Principal = { via: 'account' | 'token'; id: string | null; name: string; role: Role; events: string[] | null };

export const TOKEN_PRINCIPAL = (actor: string): Principal => ({ via: 'token', id: null, name: actor, role: 'owner', events: null });

const keyOf = (name: string) => name.trim().toLowerCase();

/** A signed-in account and the generation it was read at; a disabled account opens nothing. */
function opened(row: AccountRow): { principal: Principal; credential: string } | undefined {
  if (row.disabled_at) return undefined;
  const v = toView(row);
  return { principal: { via: 'account', id: v.id, name: v.name, role: v.role, events: v.events }, credential: `a${row.session_gen}` };
}

type AccountRow = Selectable<AdminAccountsTable>;

function toView(row: Omit<AccountRow, 'session_gen'>): AccountView {
  return { id: row.id, name: row.name, role: row.role as Role, events: row.events ? (JSON.parse(row.events) as string[]) : null, disabled: row.disabled_at !== null, createdAt: row.created_at };
}

/**
 * Named organiser accounts. Passwords are kept only as salted scrypt records (the
 * admin token's own scheme); a name is unique whatever its case. Every change is
 * audited under the person who made it; disabling an account or changing its
 * password ends its console sessions.
 */
export class AccountsRepo {
  /** A record to compare against when the name is unknown, so a wrong name costs as long as a wrong password. */
  private decoy: Promise<string> | undefined;

  constructor(private readonly db: Db) {}

  async list(): Promise<AccountView[]> {
    const rows = await this.db.selectFrom('admin_accounts').selectAll().orderBy('name_key').execute();
    return rows.map(toView);
  }

  /** The account behind a session with its credential (see `verify`), or undefined when it is gone or disabled. */
  async current(id: string): Promise<{ principal: Principal; credential: string } | undefined> {
    const row = await this.db.selectFrom('admin_accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && opened(row);
  }

  /**
   * The account a name and password open, or undefined (unknown name, wrong password, disabled).
   * Its credential names the account as it was read before the ~50 ms password check, so a
   * sign-in that overlapped a change of password, role or a disable names the old generation.
   */
  async verify(name: unknown, password: unknown): Promise<{ principal: Principal; credential: string } | undefined> {
    if (typeof name !== 'string' || typeof password !== 'string' || name.length > 60 || password.length === 0 || password.length > 200) return undefined;
    const row = await this.db.selectFrom('admin_accounts').selectAll().where('name_key', '=', keyOf(name)).executeTakeFirst();
    const ok = await secretMatches(row?.password_hash ?? (await (this.decoy ??= hashSecret(randomId(24)))), password);
    return row && ok ? opened(row) : undefined;
  }

  async create(input: AccountCreateInput, actor: Actor): Promise<AccountView> {
    const now = new Date().toISOString();
    const row: Insertable<AdminAccountsTable> & Omit<AccountRow, 'session_gen'> = {
      id: `a-${randomId(8)}`,
      name: input.name,
      name_key: keyOf(input.name),
      password_hash: await hashSecret(input.password),
      role: input.role,
      events: input.events ? JSON.stringify(input.events) : null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('admin_accounts').select('id').where('name_key', '=', row.name_key).executeTakeFirst();
      if (taken) throw new DomainError('conflict', 'An account with this name already exists', 'Akun dengan nama ini sudah ada', 'name');
      await trx.insertInto('admin_accounts').values(row).execute();
      const view = toView(row);
      await audit(trx, { actor, action: 'account.create', eventId: null, subject: row.id, after: { name: view.name, role: view.role, events: view.events } });
    });
    return toView(row);
  }

  /**
   * Change role, events, password or disabled. A new password, another role or events, or a
   * disable end the account's sessions: their rows go, and the generation rises so a sign-in
   * that checked the old password meanwhile cannot open one after (see ConsoleSessions).
   */
  async update(id: string, patch: AccountUpdateInput, actor: Actor): Promise<AccountView> {
    if (Object.keys(patch).length === 0) throw new DomainError('bad_request', 'Nothing to change', 'Tidak ada yang diubah');
    const passwordHash = patch.password ? await hashSecret(patch.password) : undefined;
    const now = new Date().toISOString();
    const after = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('admin_accounts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('Account', 'Akun');
      const set: Partial<AccountRow> = { updated_at: now };
      if (patch.role) set.role = patch.role;
      if (patch.events !== undefined) set.events = patch.events ? JSON.stringify(patch.events) : null;
      if (passwordHash) set.password_hash = passwordHash;
      if (patch.disabled !== undefined) set.disabled_at = patch.disabled ? (before.disabled_at ?? now) : null;
      const access = (['role', 'events', 'password_hash'] as const).some((k) => set[k] !== undefined && set[k] !== before[k]) || (patch.disabled && !before.disabled_at);
      await trx
        .updateTable('admin_accounts')
        .set({ ...set, ...(access ? { session_gen: sql<number>`session_gen + 1` } : {}) })
        .where('id', '=', id)
        .execute();
      if (access) await trx.deleteFrom('admin_sessions').where('account_id', '=', id).execute();
      const row = { ...before, ...set };
      const view = toView(row);
      await audit(trx, { actor, action: 'account.update', eventId: null, subject: id, before: toView(before), after: { ...view, ...(passwordHash ? { passwordChanged: true } : {}) } });
      return view;
    });
    return after;
  }

  /** Remove an account for good (its audit entries keep its name); its sessions end with it. */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('admin_accounts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('Account', 'Akun');
      await trx.deleteFrom('admin_sessions').where('account_id', '=', id).execute();
      await trx.deleteFrom('admin_accounts').where('id', '=', id).execute();
      await audit(trx, { actor, action: 'account.remove', eventId: null, subject: id, before: toView(before) });
    });
  }
}
