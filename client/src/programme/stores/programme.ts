import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { COMPLETE, nextStep, stepTo, type Programme, type ProgrammeDeal, type ProgrammeMou, type ProgrammeSnapshot, type ProgrammeUpdate, type StreamAt, type VenueFigures } from '@dealboard/shared';
import { openProgrammeChannel, type OpenProgrammeChannel, type ProgrammeChannel } from '../../socket/programme-channel';
import type { ChannelStatus } from '../../socket/options';
import type { BoardConnection } from '../../board/stores/board';

const RECENT_MAX = 12;
/** A socket that is open but has carried nothing for this long is asked for a snapshot; no answer makes the board stale. */
const QUIET_MS = 60_000;

/**
 * The national board's state. Every figure is the server's: the store never adds venues up,
 * it applies snapshots and updates in the programme's `seq` chain (the event board's rule,
 * `nextStep`) and asks for a snapshot when it notices a gap.
 */
export const useProgrammeStore = defineStore('programme', () => {
  const programme = shallowRef<Programme | null>(null);
  const venues = shallowRef<VenueFigures[]>([]);
  const total = ref<string | null>(null);
  const count = ref(0);
  const mouCount = ref(0);
  const recent = shallowRef<ProgrammeDeal[]>([]);
  const mous = shallowRef<ProgrammeMou[]>([]);
  const syncedAt = ref<number | null>(null);
  const resyncCount = ref(0);
  const connection = ref<BoardConnection>('connecting');
  const at = ref<StreamAt | null>(null);
  const seq = computed(() => at.value?.seq ?? null);
  let linkUp = false;
  let channel: ProgrammeChannel | null = null;
  let resyncInFlight: Promise<boolean> | null = null;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;

  function applySnapshot(snap: ProgrammeSnapshot, authoritative = false): boolean {
    if (!snap || typeof snap.seq !== 'number' || !Array.isArray(snap.venues)) return false;
    if (!authoritative && at.value && snap.seq < at.value.seq) return false;
    programme.value = snap.programme;
    venues.value = snap.venues;
    total.value = snap.total;
    count.value = snap.count;
    mouCount.value = snap.mouCount;
    recent.value = snap.recent.slice(0, RECENT_MAX);
    mous.value = snap.mous;
    at.value = { seq: snap.seq, part: COMPLETE };
    if (linkUp) connection.value = 'live';
    confirmed();
    return true;
  }

  function applyUpdate(u: ProgrammeUpdate): void {
    if (!u || typeof u.seq !== 'number' || !at.value) return;
    const step = nextStep(at.value, u);
    if (step === 'old') return;
    if (step === 'gap') {
      void resync();
      return;
    }
    at.value = stepTo(u);
    const changed = new Map(u.venues.map((v) => [v.eventId, v]));
    venues.value = venues.value.map((v) => changed.get(v.eventId) ?? v);
    total.value = u.total;
    count.value = u.count;
    mouCount.value = u.mouCount;
    if (u.changed.length) {
      const ids = new Set(u.changed.map((d) => d.id));
      // A voided deal leaves the list; a new one goes on top.
      recent.value = [...u.changed.filter((d) => d.status === 'recorded'), ...recent.value.filter((d) => !ids.has(d.id))].slice(0, RECENT_MAX);
    }
    if (u.mous) mous.value = u.mous;
    confirmed();
  }

  function resync(): Promise<boolean> {
    if (!channel) return Promise.resolve(false);
    if (resyncInFlight) return resyncInFlight;
    resyncCount.value++;
    const ch = channel;
    resyncInFlight = ch
      .resync()
      .then((res) => {
        if (!res.ok || ch !== channel) return false;
        if (!applySnapshot(res.data)) confirmed();
        return true;
      })
      .finally(() => (resyncInFlight = null));
    return resyncInFlight;
  }

  function armQuietCheck(): void {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(async () => {
      if (!channel || !linkUp) return;
      if (!(await resync()) && connection.value !== 'not_found') connection.value = 'stale';
      armQuietCheck();
    }, QUIET_MS + Math.random() * 5000);
  }

  function confirmed(): void {
    syncedAt.value = Date.now();
    if (linkUp && connection.value === 'stale') connection.value = 'live';
    if (channel) armQuietCheck();
  }

  function onStatus(status: ChannelStatus, message?: string): void {
    linkUp = status === 'connected';
    if (status === 'refused' && message === 'not_found') connection.value = 'not_found';
    if (connection.value === 'not_found') return;
    if (status === 'connected') {
      connection.value = 'connecting';
      armQuietCheck();
    } else if (status === 'disconnected' || status === 'refused') connection.value = 'stale';
  }

  function start(id: string, open: OpenProgrammeChannel = openProgrammeChannel): void {
    stop();
    channel = open(id, { snapshot: (s) => applySnapshot(s, true), update: applyUpdate, status: onStatus });
  }

  function stop(): void {
    channel?.close();
    channel = null;
    clearTimeout(quietTimer);
    programme.value = null;
    venues.value = [];
    total.value = null;
    recent.value = [];
    mous.value = [];
    at.value = null;
    syncedAt.value = null;
    connection.value = 'connecting';
    linkUp = false;
  }

  return { programme, venues, total, count, mouCount, recent, mous, syncedAt, resyncCount, connection, seq, start, stop, resync, applySnapshot, applyUpdate };
});
