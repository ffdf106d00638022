import { defineStore } from 'pinia';
import type { AuditEntry } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { loaded } from '../lib/loaded';

/** The event's audit trail: who changed what, when, with before and after. */
export const useAuditStore = defineStore('admin-audit', () => {
  const { value: entries, loading, problem, load: fetch } = loaded<AuditEntry[]>([]);
  const load = (eventId: string) => fetch(async () => (await adminRequest<{ entries: AuditEntry[] }>('GET', eventPath(eventId, '/audit'))).entries);
  return { entries, loading, problem, load };
});
