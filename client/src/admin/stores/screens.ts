import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { BoardCommand, ScreenInfo, ScreensList } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import type { Problem } from '../lib/problem';
import { CONSOLE_LAYOUT } from '../lib/live-channel';

const POLL_MS = 3000;

/** Connected big screens of the event, polled while the screens tab is open. */
export const useScreensStore = defineStore('admin-screens', () => {
  const eventId = ref<string | null>(null);
  const all = shallowRef<ScreenInfo[]>([]);
  const mode = ref<BoardCommand>('live');
  const loadedAt = ref<number | null>(null);
  const problem = shallowRef<Problem | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Other consoles follow the event over the same namespace; they are not screens. */
  const screens = computed(() => all.value.filter((s) => s.layout !== CONSOLE_LAYOUT));

  async function load(): Promise<void> {
    const id = eventId.value;
    if (!id) return;
    const r = await attempt(() => adminRequest<ScreensList>('GET', eventPath(id, '/screens')));
    if (id !== eventId.value) return;
    if (r.ok) {
      all.value = r.data.screens;
      mode.value = r.data.mode;
      loadedAt.value = Date.now();
      problem.value = null;
    } else problem.value = r.problem;
  }

  function startPolling(id: string): void {
    stopPolling();
    if (eventId.value !== id) all.value = [];
    eventId.value = id;
    void load();
    timer = setInterval(() => void load(), POLL_MS);
  }

  function stopPolling(): void {
    clearInterval(timer);
    timer = undefined;
  }

  async function command(cmd: BoardCommand, screenId?: string): Promise<Result<{ told: number }>> {
    const id = eventId.value;
    if (!id) return { ok: false, problem: { code: 'not_found', status: 0, message: 'No event chosen', pesan: 'Belum memilih acara' } };
    const r = await attempt(() => adminRequest<{ told: number }>('POST', eventPath(id, '/screens/command'), screenId ? { command: cmd, screenId } : { command: cmd }));
    await load();
    return r;
  }

  return { eventId, all, screens, mode, loadedAt, problem, load, startPolling, stopPolling, command };
});
