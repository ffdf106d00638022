import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DealInput } from '@dealboard/shared';
import { openOutbox, type Outbox, type OutboxEntry } from '../lib/outbox';
import { sendDeal, type SendOutcome } from '../../socket/send-deal';
import { useOperatorStore } from './operator';

const KEEP_SENT = 200;
const RETRY_MS = 15_000;

/**
 * Deals recorded on this tablet. Each is written to the outbox before it is sent and
 * stays `pending` until the server acknowledges it, so neither a lost connection nor a
 * reload loses it; pending deals are resent on connect, on start and every few seconds.
 */
export const useOutboxStore = defineStore('outbox', () => {
  // Bound once, at setup: the same Pinia as this store's, whatever store is active later.
  const op = useOperatorStore();
  const entries = ref<OutboxEntry[]>([]);
  const pendingCount = computed(() => entries.value.filter((e) => e.status === 'pending').length);
  /** When the server last acknowledged a deal from this tablet: "terakhir dikonfirmasi 14.05". */
  const lastConfirmedAt = computed(() => entries.value.reduce<number | null>((max, e) => (e.confirmedAt && e.confirmedAt > (max ?? 0) ? e.confirmedAt : max), null));

  let box: Outbox | null = null;
  let ready: Promise<Outbox> | null = null;
  let flushing = false;
  let retryTimer: ReturnType<typeof setInterval> | undefined;
  let backoffTimer: ReturnType<typeof setTimeout> | undefined;
  let offConnected: (() => void) | undefined;

  function init(backend?: Outbox): Promise<Outbox> {
    ready ??= (async () => {
      box = backend ?? (await openOutbox());
      entries.value = await trimmed(box);
      retryTimer = setInterval(() => void flush(), RETRY_MS);
      // Whatever waited goes out as soon as the socket is back.
      offConnected = op.onConnected(() => void flush());
      return box;
    })();
    return ready;
  }

  /** Everything not yet sent, plus the latest sent ones; older sent deals are dropped from the tablet. */
  async function trimmed(b: Outbox): Promise<OutboxEntry[]> {
    const all = await b.list();
    const sent = all.filter((e) => e.status === 'sent');
    for (const old of sent.slice(KEEP_SENT)) await b.remove(old.id);
    const dropped = new Set(sent.slice(KEEP_SENT).map((e) => e.id));
    return all.filter((e) => !dropped.has(e.id));
  }

  async function save(entry: OutboxEntry): Promise<void> {
    const i = entries.value.findIndex((e) => e.id === entry.id);
    if (i >= 0) entries.value.splice(i, 1, entry);
    else entries.value.unshift(entry);
    await (box ?? (await init())).put(entry);
  }

  async function deliver(entry: OutboxEntry): Promise<SendOutcome> {
    const outcome = await sendDeal(entry.deal, op.route(entry.token, entry.eventId));
    if (outcome.kind === 'accepted') {
      const { seq, duplicate, deal } = outcome.receipt;
      await save({ ...entry, status: 'sent', seq, duplicate, awaitingApproval: deal.status === 'pending', confirmedAt: Date.now(), error: undefined });
    } else if (outcome.kind === 'rejected') {
      await save({ ...entry, status: 'rejected', error: outcome.error });
      if (outcome.error.code === 'unauthorized' && entry.token === op.token) op.markUnauthorized();
    } else if (outcome.retryAfterMs !== undefined) {
      retryIn(outcome.retryAfterMs);
    }
    return outcome;
  }

  /** The server is busy (rate limit): try again when it said, not only at the next periodic retry. */
  function retryIn(ms: number): void {
    if (backoffTimer || !retryTimer) return;
    backoffTimer = setTimeout(() => {
      backoffTimer = undefined;
      void flush();
    }, ms);
  }

  /** Record a deal: saved on the tablet first, then sent. */
  async function submit(deal: DealInput): Promise<SendOutcome> {
    await init();
    if (!op.token || !op.event) return { kind: 'unsent', reason: 'no session' };
    const entry: OutboxEntry = { id: deal.id, deal, token: op.token, eventId: op.event.id, status: 'pending', createdAt: Date.now() };
    await save(entry);
    return deliver(entry);
  }

  /** Resend every pending deal, oldest first; stop at the first that cannot get through. */
  async function flush(): Promise<void> {
    if (flushing || !box) return;
    flushing = true;
    try {
      const pending = entries.value.filter((e) => e.status === 'pending').reverse();
      for (const entry of pending) {
        if ((await deliver(entry)).kind === 'unsent') break;
      }
    } finally {
      flushing = false;
    }
  }

  /** Try a refused deal again, unchanged (e.g. after the organisers resume a paused event). */
  async function retry(id: string): Promise<SendOutcome | undefined> {
    const entry = entries.value.find((e) => e.id === id);
    if (!entry) return undefined;
    const pending = { ...entry, status: 'pending' as const, error: undefined };
    await save(pending);
    return deliver(pending);
  }

  /** The event is live again: deals refused only because it was paused or closed go out as they are. */
  async function retryNotLive(): Promise<void> {
    for (const e of entries.value.filter((x) => x.status === 'rejected' && x.error?.code === 'event_not_live')) {
      await save({ ...e, status: 'pending', error: undefined });
    }
    await flush();
  }

  function dispose(): void {
    offConnected?.();
    offConnected = undefined;
    clearInterval(retryTimer);
    clearTimeout(backoffTimer);
    retryTimer = undefined;
    backoffTimer = undefined;
    ready = null;
    box = null;
  }

  return { entries, pendingCount, lastConfirmedAt, init, submit, flush, retry, retryNotLive, dispose };
});
