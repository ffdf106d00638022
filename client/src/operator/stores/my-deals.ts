import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import type { ApiError, BoothDeals, Deal, DealKind } from '@dealboard/shared';
import { NetworkError } from '../../socket/api';
import { readStoredJson, STORAGE_KEYS, writeStored } from '../../lib/storage';
import { useOperatorStore } from './operator';
import { useOutboxStore } from './outbox';

/** `outbox`: still on the tablet, not yet acknowledged; `pending`: stored, waiting for the organisers' approval. */
export type MyDealState = 'outbox' | 'rejected' | 'recorded' | 'pending' | 'voided';

/** One line of "my deals": a deal as the server has it, or as the tablet still holds it. */
export interface MyDealRow {
  id: string;
  amount: number;
  seller: string;
  buyer: string;
  categoryId: string;
  kind: DealKind;
  /** When it was made on the tablet (ms). */
  at: number;
  state: MyDealState;
  /** The server's copy: present once the server listed it; the void window counts from its `recordedAt`. */
  deal?: Deal;
  error?: ApiError;
}

export type VoidOutcome = { kind: 'voided' } | { kind: 'refused'; error: ApiError } | { kind: 'offline' };

/** The last answer is kept so that suggestions and the typical deal survive a reload without a connection. */
type Cached = { boothId: string; data: BoothDeals };
const isCached = (x: unknown): x is Cached =>
  typeof x === 'object' && x !== null && typeof (x as Cached).boothId === 'string' && Array.isArray((x as Cached).data?.deals);
const KEEP = 200;
const REFRESH_MS = 30_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** Names most recently used first, each once (case-insensitively). */
function recentNames(rows: readonly MyDealRow[], pick: (r: MyDealRow) => string): string[] {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const name = pick(r).trim();
    if (name && !seen.has(name.toLocaleLowerCase('id-ID'))) seen.set(name.toLocaleLowerCase('id-ID'), name);
  }
  return [...seen.values()].slice(0, 50);
}

/** This booth's deals: the server's list (`booth:deals`) merged with what still waits in the outbox. */
export const useMyDealsStore = defineStore('my-deals', () => {
  const op = useOperatorStore();
  const outbox = useOutboxStore();
  const server = shallowRef<BoothDeals | null>(null);
  const loading = shallowRef(false);

  let refreshTimer: ReturnType<typeof setInterval> | undefined;
  let soonTimer: ReturnType<typeof setTimeout> | undefined;

  const rows = computed<MyDealRow[]>(() => {
    const listed = new Map((server.value?.deals ?? []).map((d) => [d.id, d]));
    const out: MyDealRow[] = [...listed.values()].map((d) => ({
      id: d.id,
      amount: d.amount,
      seller: d.seller,
      buyer: d.buyer,
      categoryId: d.categoryId,
      kind: d.kind,
      at: Date.parse(d.createdAt) || Date.parse(d.recordedAt),
      state: d.status,
      deal: d,
    }));
    for (const e of outbox.entries) {
      if (e.token !== op.token || listed.has(e.id)) continue;
      const state: MyDealState = e.status === 'pending' ? 'outbox' : e.status === 'rejected' ? 'rejected' : e.awaitingApproval ? 'pending' : 'recorded';
      const d = e.deal;
      out.push({ id: e.id, amount: d.amount, seller: d.seller, buyer: d.buyer, categoryId: d.category, kind: d.kind ?? 'trade', at: e.createdAt, state, error: e.error });
    }
    return out.sort((a, b) => b.at - a.at);
  });

  /** The booth's typical deal: the median of its recorded deals, once it has at least three. */
  const typicalAmount = computed(() => {
    const recorded = rows.value.filter((r) => r.state === 'recorded').map((r) => r.amount);
    return recorded.length >= 3 ? median(recorded) : null;
  });
  const sellers = computed(() => recentNames(rows.value, (r) => r.seller));
  const buyers = computed(() => recentNames(rows.value, (r) => r.buyer));
  const total = computed(() => server.value?.total ?? null);
  const count = computed(() => server.value?.count ?? null);
  const windowMin = computed(() => server.value?.selfVoidWindowMin ?? op.event?.settings.selfVoidWindowMin ?? 0);

  function load(): void {
    const cached = readStoredJson(STORAGE_KEYS.boothDeals, isCached);
    server.value = cached && cached.boothId === op.booth?.id ? cached.data : null;
  }

  function keep(data: BoothDeals): void {
    server.value = data;
    const boothId = op.booth?.id;
    if (boothId) writeStored(STORAGE_KEYS.boothDeals, JSON.stringify({ boothId, data: { ...data, deals: data.deals.slice(0, KEEP) } } satisfies Cached));
  }

  /** Ask the server again; quietly keeps the last list while offline. */
  async function refresh(): Promise<void> {
    if (loading.value) return;
    loading.value = true;
    try {
      const ack = await op.boothDeals();
      if (ack.ok) keep(ack.data);
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
    } finally {
      loading.value = false;
    }
  }

  /** Several acknowledgements in a row make one request. */
  function refreshSoon(): void {
    clearTimeout(soonTimer);
    soonTimer = setTimeout(() => void refresh(), 400);
  }

  async function voidDeal(id: string, reason: string): Promise<VoidOutcome> {
    try {
      const ack = await op.voidDeal(id, reason);
      if (!ack.ok) return { kind: 'refused', error: ack.error };
      // The row shows the server's voided deal at once; the booth's total and count are the
      // server's too, read again now rather than worked out here (they would drift).
      if (server.value) keep({ ...server.value, deals: server.value.deals.map((d) => (d.id === id ? ack.data.deal : d)) });
      await refresh();
      return { kind: 'voided' };
    } catch (e) {
      if (e instanceof NetworkError) return { kind: 'offline' };
      throw e;
    }
  }

  /** Follow the server while the page is open: after each acknowledgement and every half minute (organisers approve and correct too). */
  function start(): void {
    stop();
    load();
    void refresh();
    refreshTimer = setInterval(() => void refresh(), REFRESH_MS);
  }

  function stop(): void {
    clearInterval(refreshTimer);
    clearTimeout(soonTimer);
  }

  watch(() => outbox.lastConfirmedAt, refreshSoon);
  watch(() => op.dealsChangedAt, refreshSoon);
  watch(() => op.booth?.id, load);

  return { server, loading, rows, typicalAmount, sellers, buyers, total, count, windowMin, refresh, voidDeal, start, stop };
});
