import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AuditEntry } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt } from '../lib/result';
import type { Problem } from '../lib/problem';

/** The event's audit trail: who changed what, when, with before and after. */
export const useAuditStore = defineStore('admin-audit', () => {
  const entries = shallowRef<AuditEntry[]>([]);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);

  async function load(eventId: string): Promise<void> {
    loading.value = true;
    const r = await attempt(() => adminRequest<{ entries: AuditEntry[] }>('GET', eventPath(eventId, '/audit')));
    loading.value = false;
    if (r.ok) {
      entries.value = r.data.entries;
      problem.value = null;
    } else problem.value = r.problem;
  }

  return { entries, loading, problem, load };
});
