import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { PublicEvent, ReplayProgress, ReplaySpeed } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import { useEventsStore } from './events';

/** An event's life outside its deals: wiping a rehearsal, archive, delete, and replays. */
export const useLifecycleStore = defineStore('admin-lifecycle', () => {
  const events = useEventsStore();
  /** The replay this console started last, followed until it ends. */
  const replay = shallowRef<ReplayProgress | null>(null);
  const following = ref(false);

  async function wipe(eventId: string): Promise<Result<{ wiped: number }>> {
    return attempt(() => adminRequest<{ wiped: number }>('POST', eventPath(eventId, '/rehearsal/wipe')));
  }

  async function setArchived(eventId: string, archived: boolean): Promise<Result<PublicEvent>> {
    const r = await attempt(() => adminRequest<PublicEvent>('POST', eventPath(eventId, '/archive'), { archived }));
    if (r.ok) await events.load();
    return r;
  }

  async function remove(eventId: string, confirm: string): Promise<Result<void>> {
    const r = await attempt(() => adminRequest<void>('DELETE', eventPath(eventId), { confirm }));
    if (r.ok) {
      events.currentId = null;
      await events.load();
    }
    return r;
  }

  async function startReplay(eventId: string, speed: ReplaySpeed): Promise<Result<ReplayProgress>> {
    const r = await attempt(() => adminRequest<ReplayProgress>('POST', eventPath(eventId, '/replay'), { speed }));
    if (r.ok) {
      replay.value = r.data;
      void follow(r.data.id);
      void events.load();
    }
    return r;
  }

  async function stopReplay(): Promise<void> {
    if (!replay.value) return;
    const r = await attempt(() => adminRequest<ReplayProgress>('POST', `/replays/${encodeURIComponent(replay.value!.id)}/stop`));
    if (r.ok) replay.value = r.data;
  }

  /** Progress once a second until the replay has sent everything or was stopped. */
  async function follow(id: string): Promise<void> {
    following.value = true;
    while (replay.value?.id === id && replay.value.state === 'running') {
      await new Promise((r) => setTimeout(r, 1000));
      const r = await attempt(() => adminRequest<ReplayProgress>('GET', `/replays/${encodeURIComponent(id)}`));
      if (r.ok && replay.value?.id === id) replay.value = r.data;
    }
    following.value = false;
  }

  return { replay, following, wipe, setArchived, remove, startReplay, stopReplay };
});
