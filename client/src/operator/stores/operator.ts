import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Ack, BoothDeals, Deal, OperatorSession } from '@dealboard/shared';
import { ApiRequestError, apiRequest, NetworkError } from '../../socket/api';
import { readStored, readStoredJson, STORAGE_KEYS, writeStored } from '../../lib/storage';
import type { SendRoute } from '../../socket/send-deal';
import { openOperatorChannel, type OpenOperatorChannel, type OperatorChannel } from '../../socket/operator-channel';
import type { ChannelStatus } from '../../socket/options';

/** `unreachable`: no answer yet and nothing cached to work from. */
export type SessionState = 'no_token' | 'checking' | 'ready' | 'unauthorized' | 'unreachable';

type CachedSession = { tokenTail: string; session: OperatorSession };
const isCachedSession = (x: unknown): x is CachedSession =>
  typeof x === 'object' && x !== null && typeof (x as CachedSession).tokenTail === 'string' && typeof (x as CachedSession).session?.booth?.id === 'string';
const tail = (token: string) => token.slice(-12);

export interface OperatorDeps {
  open?: OpenOperatorChannel;
  fetch?: typeof fetch;
}

/** The booth tablet: which booth this token is, and the live link to the server. */
export const useOperatorStore = defineStore('operator', () => {
  const token = ref<string | null>(readStored(STORAGE_KEYS.boothToken));
  const session = shallowRef<OperatorSession | null>(null);
  const state = ref<SessionState>('checking');
  const link = ref<ChannelStatus>('connecting');
  /** When the server last said this booth's deals changed (an organiser's void or approval). */
  const dealsChangedAt = ref(0);

  const booth = computed(() => session.value?.booth ?? null);
  const event = computed(() => session.value?.event ?? null);

  let channel: OperatorChannel | null = null;
  let deps: OperatorDeps = {};
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const connectedListeners = new Set<() => void>();

  function setToken(next: string): void {
    if (next !== token.value) {
      stop();
      session.value = null;
      writeStored(STORAGE_KEYS.boothSession, null);
    }
    token.value = next;
    writeStored(STORAGE_KEYS.boothToken, next);
  }

  function setSession(s: OperatorSession): void {
    session.value = s;
    state.value = 'ready';
    if (token.value) writeStored(STORAGE_KEYS.boothSession, JSON.stringify({ tokenTail: tail(token.value), session: s }));
  }

  /** Check the token, then keep a socket open. A cached session lets the form work before the server answers. */
  async function start(options: OperatorDeps = {}): Promise<void> {
    stop();
    deps = options;
    const t = token.value;
    if (!t) {
      state.value = 'no_token';
      return;
    }
    const cached = readStoredJson(STORAGE_KEYS.boothSession, isCachedSession);
    if (cached && cached.tokenTail === tail(t)) session.value = cached.session;
    state.value = session.value ? 'ready' : 'checking';
    const authorized = await check(t);
    if (authorized && token.value === t && !channel) connect(t);
  }

  /** Ask the server who this token is. False only when it says the token is not valid. */
  async function check(t: string): Promise<boolean> {
    clearTimeout(retryTimer);
    try {
      const { data } = await apiRequest<OperatorSession>('GET', '/operator/session', undefined, { token: t, fetch: deps.fetch });
      if (token.value === t) setSession(data);
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 401) {
        markUnauthorized();
        return false;
      }
      if (!session.value) {
        state.value = 'unreachable';
        retryTimer = setTimeout(() => void check(t), 5000);
      }
    }
    return true;
  }

  function connect(t: string): void {
    channel = (deps.open ?? openOperatorChannel)(t, {
      session: setSession,
      eventChanged: (ev) => {
        if (session.value) setSession({ ...session.value, event: ev });
      },
      boothChanged: () => (dealsChangedAt.value = Date.now()),
      status: (status, message) => {
        link.value = status;
        if (status === 'refused' && message === 'unauthorized') markUnauthorized();
        if (status === 'connected') for (const fn of connectedListeners) fn();
        // The server cut us off on purpose (a revoke, a new token): ask why before connecting again.
        if (status === 'disconnected' && message === 'io server disconnect') void recheck(t);
      },
    });
  }

  async function recheck(t: string): Promise<void> {
    if ((await check(t)) && token.value === t) channel?.reconnect();
  }

  /** The server refused this booth's token (revoked, or replaced by a new one): stop and explain. */
  function markUnauthorized(): void {
    stop();
    state.value = 'unauthorized';
  }

  /** Forget this booth on this tablet. Deals still in the outbox keep their own token and are still sent. */
  function signOut(): void {
    stop();
    token.value = null;
    session.value = null;
    state.value = 'no_token';
    writeStored(STORAGE_KEYS.boothToken, null);
    writeStored(STORAGE_KEYS.boothSession, null);
    writeStored(STORAGE_KEYS.formChoices, null);
    writeStored(STORAGE_KEYS.boothDeals, null);
  }

  function liveChannel(): OperatorChannel {
    if (!channel?.connected) throw new NetworkError('not connected');
    return channel;
  }

  /** This booth's deals as the server has them; rejects with {@link NetworkError} while offline. */
  function boothDeals(): Promise<Ack<BoothDeals>> {
    return liveChannel().boothDeals();
  }

  /** Void one of this booth's deals; rejects with {@link NetworkError} while offline. */
  function voidDeal(dealId: string, reason: string): Promise<Ack<{ deal: Deal; seq: number }>> {
    return liveChannel().voidDeal({ dealId, reason });
  }

  /** How to send a deal recorded under `forToken`: the socket only if it is that booth's. */
  function route(forToken: string, eventId: string): SendRoute {
    return { channel: forToken === token.value ? channel : null, token: forToken, eventId, fetch: deps.fetch };
  }

  function onConnected(fn: () => void): () => void {
    connectedListeners.add(fn);
    return () => connectedListeners.delete(fn);
  }

  function stop(): void {
    clearTimeout(retryTimer);
    channel?.close();
    channel = null;
    link.value = 'connecting';
  }

  return { token, session, state, link, booth, event, dealsChangedAt, setToken, start, stop, signOut, markUnauthorized, route, onConnected, boothDeals, voidDeal };
});
