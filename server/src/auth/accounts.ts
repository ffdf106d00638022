import type { AccountCreateInput, AccountUpdateInput, AccountView, Role } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import type { AdminAccountsTable } from '../store/schema.js';
import { audit, type Actor } from '../ledger/audit.js';
import { DomainError, notFound } from '../core/errors.js';
import { randomId } from '../core/ids.js';
import { hashSecret, secretMatches } from './admin-auth.js';

/** A signed-in organiser: an account, or the admin token (an owner of every event). */
export type Principal = { via: 'account' | 'token'; id: string | null; name: string; role: Role; events: string[] | null };

export const TOKEN_PRINCIPAL = (actor: string): Principal => ({ via: 'token', id: null, name: actor, role: 'owner', events: null });

const keyOf = (name: string) => name.trim().toLowerCase();

function toView(row: AdminAccountsTable): AccountView {
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

  /** The account behind a session, or undefined when it is gone or disabled. */
  async principal(id: string): Promise<Principal | undefined> {
    const row = await this.db.selectFrom('admin_accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.disabled_at) return undefined;
    const v = toView(row);
    return { via: 'account', id: v.id, name: v.name, role: v.role, events: v.events };
  }

  /** The account a name and password open, or undefined (unknown name, wrong password, disabled). */
  async verify(name: unknown, password: unknown): Promise<Principal | undefined> {
    if (typeof name !== 'string' || typeof password !== 'string' || name.length > 60 || password.length === 0 || password.length > 200) return undefined;
    const row = await this.db.selectFrom('admin_accounts').selectAll().where('name_key', '=', keyOf(name)).executeTakeFirst();
    const ok = await secretMatches(row?.password_hash ?? (await (this.decoy ??= hashSecret(randomId(24)))), password);
    if (!row || !ok || row.disabled_at) return undefined;
    return this.principal(row.id);
  }

  async create(input: AccountCreateInput, actor: Actor): Promise<AccountView> {
    const now = new Date().toISOString();
    const row: AdminAccountsTable = {
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

  /** Change role, events, password or disabled; a new password or a disable ends the account's sessions. */
  async update(id: string, patch: AccountUpdateInput, actor: Actor): Promise<AccountView> {
    if (Object.keys(patch).length === 0) throw new DomainError('bad_request', 'Nothing to change', 'Tidak ada yang diubah');
    const passwordHash = patch.password ? await hashSecret(patch.password) : undefined;
    const now = new Date().toISOString();
    const after = await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('admin_accounts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('Account', 'Akun');
      const set: Partial<AdminAccountsTable> = { updated_at: now };
      if (patch.role) set.role = patch.role;
      if (patch.events !== undefined) set.events = patch.events ? JSON.stringify(patch.events) : null;
      if (passwordHash) set.password_hash = passwordHash;
      if (patch.disabled !== undefined) set.disabled_at = patch.disabled ? (before.disabled_at ?? now) : null;
      await trx.updateTable('admin_accounts').set(set).where('id', '=', id).execute();
      if (passwordHash || patch.disabled) await trx.deleteFrom('admin_sessions').where('account_id', '=', id).execute();
      const row = { ...before, ...set };
      const view = toView(row);
      await audit(trx, { actor, action: 'account.update', eventId: null, subject: id, before: toView(before), after: { ...view, ...(passwordHash ? { passwordChanged: true } : {}) } });
      return view;
    });
    return after;
  }
}
