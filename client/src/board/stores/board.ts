import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { applyTotalsDelta, BOARD_COMMANDS, mergeClimb, unpackClimb, type BoardCommand, type ClimbSeries, type BoardDeal, type BoardSnapshot, type BoardUpdate, type PublicEvent, type Totals } from '@dealboard/shared';
import { openBoardChannel, type BoardChannel, type OpenBoardChannel } from '../../socket/board-channel';
import type { ChannelStatus } from '../../socket/options';
import { isBoardSnapshot, isBoardUpdate, mergeRecent } from '../lib/board-frames';
import { StreamPosition } from '../lib/stream-position';
import { loadBoardCache, saveBoardCache, type Celebrated } from '../lib/board-cache';
import { emptyClimb, type Climb } from '../lib/pace';
import { noteReached, seriesPoints } from '../lib/climb-series';

/**
 * `connecting`: no answer yet (or connected, waiting for the snapshot); `live`: connected and in
 * step with the server; `stale`: showing the last good values while the link is down or the
 * server stopped answering; `not_found`: the server has no such event.
 */
export type BoardConnection = 'connecting' | 'live' | 'stale' | 'not_found';

/** What a screen shows, from its URL (`?layout=`); the overlay page is its own route. */
export const BOARD_LAYOUTS = ['full', 'hero', 'ticker', 'overlay'] as const;
export type BoardLayout = (typeof BOARD_LAYOUTS)[number];

const RECENT_MAX = 20;
const CACHE_EVERY_MS = 2000;
const REPORT_EVERY_MS = 5000;

export interface BoardDeps {
  open?: OpenBoardChannel;
  /** A snapshot the page came with (the phone view's): shown at once, until the socket's own comes. */
  first?: BoardSnapshot;
  /** What `reload` from the console does (the page reload, unless a test says otherwise). */
  reload?: () => void;
}

/**
 * The big screen's state. Every figure is the server's: the store never adds deals up,
 * it only applies snapshots and updates in `seq` order and asks for a fresh snapshot
 * when it notices a gap.
 */
export const useBoardStore = defineStore('board', () => {
  const eventId = ref<string | null>(null);
  const event = shallowRef<PublicEvent | null>(null);
  const totals = shallowRef<Totals | null>(null);
  const recent = shallowRef<BoardDeal[]>([]);
  /** When the shown figures were last confirmed by the server (ms since epoch). */
  const syncedAt = ref<number | null>(null);
  const resyncCount = ref(0);
  /** `blackout`: the console asked for a plain branded screen without figures. */
  const mode = ref<'live' | 'blackout'>('live');
  const layout = ref<BoardLayout>('full');
  /** The climb as the server keeps it, and as drawn (kept across reloads). */
  const series = shallowRef<ClimbSeries | null>(null);
  const climb = shallowRef<Climb>(emptyClimb());
  let seenTotal: number | null = null;
  /** Where the board stands on the update stream, with the keys updates name by index. */
  const position = new StreamPosition();
  const celebrated = ref<Celebrated | null>(null);

  const connection = ref<BoardConnection>('connecting');
  /** The socket is connected (a board is `live` only once a snapshot came over it too). */
  let linkUp = false;

  const lastSeq = computed(() => totals.value?.seq ?? null);
  const categoryNames = computed(() => new Map((event.value?.categories ?? []).map((c) => [c.id, c.name])));
  // The latest deals as the public sees them: a voided one leaves unless the event shows corrections in full.
  const publicRecent = computed(() => (event.value?.settings?.publicCorrections === 'full' ? recent.value : recent.value.filter((d) => d.status !== 'voided')));

  let channel: BoardChannel | null = null;
  let resyncInFlight: Promise<boolean> | null = null;
  let cacheTimer: ReturnType<typeof setTimeout> | undefined;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let reportTimer: ReturnType<typeof setInterval> | undefined;
  let deps: BoardDeps = {};

  function report(): void {
    channel?.report({ seq: lastSeq.value ?? 0, layout: mode.value === 'blackout' ? 'blackout' : layout.value });
  }

  function setLayout(next: BoardLayout): void {
    if (next === layout.value) return;
    layout.value = next;
    report();
  }

  /**
   * A booth added during the event sells before the board has its name (the event config
   * comes with snapshots and config changes). Ask for a snapshot once per unknown booth;
   * one that stays unknown (removed since) is shown as "another booth".
   */
  const askedForBooths = new Set<string>();
  function learnBooths(fetch: boolean): void {
    const known = new Set((event.value?.booths ?? []).map((b) => b.id));
    const unknown = (totals.value?.byBooth ?? []).filter((b) => !known.has(b.boothId) && !askedForBooths.has(b.boothId));
    for (const b of unknown) askedForBooths.add(b.boothId);
    if (fetch && unknown.length > 0) void resync();
  }

  /** Draw the server's climb after it moved, and note a crossing of the target this board saw (never from the local cache). */
  function observe(): void {
    const x = totals.value;
    if (!x) return;
    const now = Date.now();
    const points = series.value ? seriesPoints(series.value, now) : climb.value.points;
    climb.value = { points, reached: noteReached(climb.value.reached, seenTotal, x.total, x.target, now) };
    seenTotal = x.total;
  }

  function onCommand(command: BoardCommand): void {
    if (!BOARD_COMMANDS.includes(command)) return;
    if (command === 'reload') (deps.reload ?? (() => location.reload()))();
    else mode.value = command;
    report();
  }

  /**
   * `authoritative`: the socket's connect snapshot wins even over a higher `seq` (e.g. the
   * server's data was reset), but not over a newer one the page came with (`BoardDeps.first`).
   */
  function applySnapshot(snap: BoardSnapshot, authoritative = false): boolean {
    if (!isBoardSnapshot(snap)) return false;
    if (!authoritative && lastSeq.value !== null && snap.seq < lastSeq.value) return false;
    // A socket snapshot older than the preview shown meanwhile gives only its keys.
    if (!authoritative || position.socketSnapshot(snap)) show(snap);
    if (linkUp && connection.value !== 'not_found') connection.value = 'live';
    learnBooths(false);
    observe();
    confirmed();
    return true;
  }

  /** The snapshot the page came with, read as the page was served: shown until the socket's own comes. */
  function preview(snap: BoardSnapshot): void {
    if (!isBoardSnapshot(snap) || !position.preview(snap)) return;
    show(snap);
    observe();
  }

  function show(snap: BoardSnapshot): void {
    const { event: ev, recent: rec, climb: cl, keys: _k, ...rest } = snap;
    position.shown(snap);
    event.value = ev;
    if (cl && Number.isFinite(cl.from)) series.value = cl;
    totals.value = rest;
    recent.value = rec.slice(0, RECENT_MAX);
  }

  function applyUpdate(update: BoardUpdate): void {
    if (!isBoardUpdate(update)) return;
    const seq = lastSeq.value;
    // Nothing to build on yet: the snapshot that follows every connect will bring it all.
    if (seq === null || !totals.value) return;
    // An update applies on exactly the state it was made from (or a snapshot since); anything else missed one.
    const decoded = position.read(seq, update);
    if (decoded === 'old') return;
    if (decoded === 'gap') {
      void resync();
      return;
    }
    totals.value = applyTotalsDelta(totals.value, decoded.delta);
    if (update.climb && series.value) series.value = { ...series.value, points: mergeClimb(series.value.points, unpackClimb(update.climb, update.total)) };
    if (update.event) event.value = update.event;
    if (decoded.deals.length > 0) recent.value = mergeRecent(recent.value, decoded.deals, RECENT_MAX);
    learnBooths(true);
    observe();
    confirmed();
  }

  /** Ask for a fresh snapshot (one request at a time); true when the server answered. */
  function resync(): Promise<boolean> {
    if (!channel) return Promise.resolve(false);
    if (resyncInFlight) return resyncInFlight;
    resyncCount.value++;
    const ch = channel;
    resyncInFlight = ch
      .resync()
      .then((res) => {
        if (!res.ok || ch !== channel) return false;
        if (!applySnapshot(res.data)) confirmed(); // older than what is shown, but the server is there
        return true;
      })
      .finally(() => {
        resyncInFlight = null;
      });
    return resyncInFlight;
  }

  /**
   * A socket can look open while nothing gets through (a hung server, a half-dead Wi-Fi
   * link). After the event's quiet period without a frame the board asks for a snapshot;
   * no answer makes it stale. Jittered so a room of boards does not ask all at once.
   */
  function armQuietCheck(): void {
    clearTimeout(quietTimer);
    const quietMs = (event.value?.settings?.quietPeriodSec ?? 60) * 1000;
    quietTimer = setTimeout(async () => {
      if (!channel || !linkUp) return;
      // Connected, but after a quiet spell the server did not answer a resync: stale.
      if (!(await resync()) && connection.value !== 'not_found') connection.value = 'stale';
      armQuietCheck();
    }, quietMs + Math.random() * 5000);
  }

  function onStatus(status: ChannelStatus, message?: string): void {
    linkUp = status === 'connected';
    if (status === 'refused' && message === 'not_found') connection.value = 'not_found';
    if (connection.value === 'not_found') return;
    if (status === 'connected') {
      connection.value = 'connecting';
      report();
      // Connected but no snapshot yet counts as quiet too: the check below turns it stale.
      armQuietCheck();
    } else if (status === 'disconnected' || status === 'refused') {
      connection.value = 'stale';
    }
  }

  function confirmed(): void {
    syncedAt.value = Date.now();
    if (linkUp && connection.value === 'stale') connection.value = 'live';
    if (channel) armQuietCheck();
    if (cacheTimer === undefined && eventId.value) cacheTimer = setTimeout(writeCache, CACHE_EVERY_MS);
  }

  function writeCache(): void {
    cacheTimer = undefined;
    if (!eventId.value || !event.value || !totals.value || syncedAt.value === null) return;
    const snap = { ...totals.value, event: event.value, recent: recent.value, keys: position.keys, climb: series.value ?? { from: NaN, stepMs: 60_000, points: [] } };
    saveBoardCache(eventId.value, snap, syncedAt.value, climb.value, celebrated.value);
  }

  function start(id: string, options: BoardDeps = {}): void {
    stop();
    deps = options;
    eventId.value = id;
    const cached = loadBoardCache(id);
    if (cached) {
      show(cached.snapshot);
      syncedAt.value = cached.savedAt;
      climb.value = cached.climb ?? emptyClimb();
      seenTotal = climb.value.points.at(-1)?.total ?? null;
      celebrated.value = cached.celebrated ?? null;
    }
    position.connecting();
    if (deps.first) preview(deps.first);
    channel = (deps.open ?? openBoardChannel)(id, {
      snapshot: (snap) => applySnapshot(snap, true) && report(),
      update: applyUpdate,
      command: onCommand,
      status: onStatus,
    });
    reportTimer = setInterval(report, REPORT_EVERY_MS);
  }

  function stop(): void {
    channel?.close();
    channel = null;
    clearTimeout(quietTimer);
    clearInterval(reportTimer);
    if (cacheTimer !== undefined) {
      clearTimeout(cacheTimer);
      writeCache();
    }
    eventId.value = null;
    position.reset();
    askedForBooths.clear();
    event.value = null;
    totals.value = null;
    recent.value = [];
    syncedAt.value = null;
    climb.value = emptyClimb();
    series.value = null;
    seenTotal = null;
    celebrated.value = null;
    connection.value = 'connecting';
    linkUp = false;
    mode.value = 'live';
  }
  return {
    eventId,
    event,
    totals,
    recent,
    syncedAt,
    resyncCount,
    mode,
    layout,
    climb,
    celebrated,
    lastSeq,
    connection,
    categoryNames,
    publicRecent,
    applySnapshot,
    applyUpdate,
    resync,
    setLayout,
    start,
    stop,
  };
});
