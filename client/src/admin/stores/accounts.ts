import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AccountView, Role } from '@dealboard/shared';
import { adminRequest } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import type { Problem } from '../lib/problem';

export type AccountDraft = { name: string; password: string; role: Role; events: string[] | null };
export type AccountPatch = { role?: Role; events?: string[] | null; password?: string; disabled?: boolean };

/** The organiser accounts (owners only: the server refuses others with 403). */
export const useAccountsStore = defineStore('admin-accounts', () => {
  const accounts = shallowRef<AccountView[]>([]);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const r = await attempt(() => adminRequest<{ accounts: AccountView[] }>('GET', '/accounts'));
    loading.value = false;
    if (r.ok) accounts.value = r.data.accounts;
    problem.value = r.ok ? null : r.problem;
  }

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
