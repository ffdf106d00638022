import { defineStore } from 'pinia';
import type { AccountView, Role } from '@dealboard/shared';
import { adminRequest } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import { loaded } from '../lib/loaded';

export type AccountDraft = { name: string; password: string; role: Role; events: string[] | null };
export type AccountPatch = { role?: Role; events?: string[] | null; password?: string; disabled?: boolean };

/** The organiser accounts (owners only: the server refuses others with 403). */
export const useAccountsStore = defineStore('admin-accounts', () => {
  const { value: accounts, loading, problem, load: fetch } = loaded<AccountView[]>([]);
  const load = () => fetch(async () => (await adminRequest<{ accounts: AccountView[] }>('GET', '/accounts')).accounts);

  async function create(draft: AccountDraft): Promise<Result<AccountView>> {
    const r = await attempt(() => adminRequest<AccountView>('POST', '/accounts', draft));
    if (r.ok) await load();
    return r;
  }

  async function update(id: string, patch: AccountPatch): Promise<Result<AccountView>> {
    const r = await attempt(() => adminRequest<AccountView>('PATCH', `/accounts/${encodeURIComponent(id)}`, patch));
    if (r.ok) await load();
    return r;
  }

  return { accounts, loading, problem, load, create, update };
});
