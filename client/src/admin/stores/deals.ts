import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import { MAX_DEALS_PAGE, type Deal, type DealKind, type DealStatus, type Totals, BUYER_FILTERS } from '@dealboard/shared';
import { adminRequest, eventPath } from '../lib/request';
import { attempt, type Result } from '../lib/result';
import type { Problem } from '../lib/problem';
import { openLiveChannel, type LiveStatus, type OpenLiveChannel } from '../lib/live-channel';

export type DealFilters = { booth: string; category: string; kind: '' | DealKind; status: '' | DealStatus; buyer: '' | (typeof BUYER_FILTERS)[number]; q: string };

const PAGE = 100;
const REFRESH_DEBOUNCE_MS = 500;

/**
 * The live deal table. Every figure is the server's: a change in the event rings the
 * live channel and the table is fetched again (debounced), never patched by hand.
 */
export const useDealsStore = defineStore('admin-deals', () => {
  const eventId = ref<string | null>(null);
  const filters = reactive<DealFilters>({ booth: '', category: '', kind: '', status: '', buyer: '', q: '' });
  const deals = shallowRef<Deal[]>([]);
  const matched = ref(0);
  const limit = ref(PAGE);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  const pendingDeals = shallowRef<Deal[]>([]);
  const totals = shallowRef<Totals | null>(null);
  const live = ref<LiveStatus | 'off'>('off');
  /** The last correction the server refused (shown above the table). */
  const actionProblem = shallowRef<Problem | null>(null);

  let channel: { close(): void } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  function query(): string {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v.trim()) p.set(k, v.trim());
    p.set('limit', String(limit.value));
    return p.toString();
  }

  async function refresh(): Promise<void> {
    const id = eventId.value;
    if (!id) return;
    const mine = ++generation;
    loading.value = true;
    const [list, waiting, sums] = await Promise.all([
      attempt(() => adminRequest<{ deals: Deal[]; matched: number }>('GET', eventPath(id, `/deals?${query()}`))),
      attempt(() => adminRequest<{ deals: Deal[] }>('GET', eventPath(id, '/deals?status=pending&limit=50'))),
      attempt(() => adminRequest<Totals>('GET', eventPath(id, '/totals'))),
    ]);
    // A newer refresh (or another event) started meanwhile: its answer wins.
    if (mine !== generation) return;
    loading.value = false;
    if (list.ok) {
      deals.value = list.data.deals;
      matched.value = list.data.matched;
      problem.value = null;
    } else problem.value = list.problem;
    if (waiting.ok) pendingDeals.value = waiting.data.deals;
    if (sums.ok && typeof sums.data?.total === 'number') totals.value = sums.data;
  }

  function scheduleRefresh(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
  }

  /** Follow an event: fetch now and again whenever the server announces a change. */
  function attach(id: string, open: OpenLiveChannel = openLiveChannel): void {
    if (eventId.value === id && channel) return;
    detach();
    eventId.value = id;
    deals.value = [];
    pendingDeals.value = [];
    totals.value = null;
    actionProblem.value = null;
    limit.value = PAGE;
    void refresh();
    channel = open(id, { changed: scheduleRefresh, status: (s) => (live.value = s) });
  }

  function detach(): void {
    clearTimeout(timer);
    channel?.close();
    channel = null;
    live.value = 'off';
  }

  function setFilters(next: Partial<DealFilters>): void {
    Object.assign(filters, next);
    limit.value = PAGE;
    scheduleRefresh();
  }

  /** The server answers at most MAX_DEALS_PAGE deals; past them the organiser filters or exports. */
  const canLoadMore = computed(() => deals.value.length < matched.value && limit.value < MAX_DEALS_PAGE);
  const capped = computed(() => deals.value.length < matched.value && limit.value >= MAX_DEALS_PAGE);

  function loadMore(): void {
    limit.value = Math.min(limit.value + PAGE, MAX_DEALS_PAGE);
    void refresh();
  }

  async function correct(action: 'void' | 'restore' | 'approve', dealId: string, reason?: string): Promise<Result<unknown>> {
    const id = eventId.value;
    if (!id) return { ok: false, problem: { code: 'not_found', status: 0, message: 'No event chosen', pesan: 'Belum memilih acara' } };
    const body = action === 'void' ? { reason } : undefined;
    const r = await attempt(() => adminRequest('POST', eventPath(id, `/deals/${encodeURIComponent(dealId)}/${action}`), body));
    actionProblem.value = r.ok ? null : r.problem;
    await refresh();
    return r;
  }

  return { eventId, filters, deals, matched, limit, canLoadMore, capped, loading, problem, actionProblem, pendingDeals, totals, live, refresh, attach, detach, setFilters, loadMore, correct };
});
