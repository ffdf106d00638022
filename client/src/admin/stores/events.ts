import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EventStatus, EventUpdateInput, PublicEvent } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import type { Problem } from '../lib/problem';

/** Body of `POST /events` as the console sends it. */
export type EventDraft = {
  name: string;
  venue?: string;
  target: number;
  startsAt: string;
  endsAt: string;
  timezone: string;
  categories: string[];
  delegations: string[];
  milestones: number[];
  status: EventStatus;
};

/** The organiser's events and which one the console is working on. */
export const useEventsStore = defineStore('admin-events', () => {
  const events = shallowRef<PublicEvent[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  const currentId = ref<string | null>(null);

  const current = computed(() => events.value.find((e) => e.id === currentId.value) ?? null);
  /** Newest first: the event being run is usually the latest one made. */
  const sorted = computed(() => [...events.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));

  function put(event: PublicEvent): void {
    const rest = events.value.filter((e) => e.id !== event.id);
    events.value = [...rest, event];
  }

  /** Whether the list holds archived events too (they are hidden by default). */
  const withArchived = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    const r = await attempt(() => adminRequest<{ events: PublicEvent[] }>('GET', withArchived.value ? '/events?archived=1' : '/events'));
    loading.value = false;
    if (r.ok) {
      events.value = r.data.events;
      loaded.value = true;
      problem.value = null;
    } else problem.value = r.problem;
  }

  async function create(draft: EventDraft): Promise<Result<PublicEvent>> {
    const r = await attempt(() => adminRequest<PublicEvent>('POST', '/events', draft));
    if (r.ok) put(r.data);
    return r;
  }

  async function update(eventId: string, patch: EventUpdateInput): Promise<Result<PublicEvent>> {
    const r = await attempt(() => adminRequest<PublicEvent>('PATCH', eventPath(eventId), patch));
    if (r.ok) put(r.data);
    return r;
  }

  async function setStatus(eventId: string, status: EventStatus): Promise<Result<PublicEvent>> {
    const r = await attempt(() => adminRequest<PublicEvent>('POST', eventPath(eventId, '/status'), { status }));
    if (r.ok) put(r.data);
    return r;
  }

  async function showArchived(show: boolean): Promise<void> {
    withArchived.value = show;
    await load();
  }

  return { events, loaded, loading, problem, currentId, current, sorted, withArchived, load, showArchived, create, update, setStatus };
});
