import type { ApiError, DealInput, DealReceipt } from '@dealboard/shared';
import { ApiRequestError, apiRequest, NetworkError } from './api';
import type { OperatorChannel } from './operator-channel';

/**
 * `unsent`: nobody said no, the server just could not be reached (or was busy): keep it and
 * try again — after `retryAfterMs` when the server said how long to wait.
 */
export type SendOutcome =
  | { kind: 'accepted'; receipt: DealReceipt }
  | { kind: 'rejected'; error: ApiError }
  | { kind: 'unsent'; reason: string; retryAfterMs?: number };

export interface SendRoute {
  channel: OperatorChannel | null;
  token: string;
  eventId: string;
  fetch?: typeof fetch;
}

// Worth retrying as they are; everything else needs a person to change something.
const TRANSIENT: ReadonlySet<string> = new Set(['internal', 'rate_limited', 'store_unavailable']);

function fromError(error: ApiError): SendOutcome {
  if (!TRANSIENT.has(error.code)) return { kind: 'rejected', error };
  const retryAfterMs = error.code === 'rate_limited' ? retryAfter(error) : undefined;
  return { kind: 'unsent', reason: error.message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** The wait the server gave (`retryAfterMs`), capped at 10 minutes; without one, a few seconds. */
export function retryAfter(error: ApiError): number {
  const ms = error.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 600_000) : 5000;
}

/**
 * Send one deal: over the operator socket when it is up, else over HTTP. Resending the
 * same deal is safe (the server is idempotent by id), so a missing acknowledgement is
 * followed straight away by the HTTP route.
 */
export async function sendDeal(deal: DealInput, route: SendRoute): Promise<SendOutcome> {
  if (route.channel?.connected) {
    try {
      const ack = await route.channel.submit(deal, 8000);
      return ack.ok ? { kind: 'accepted', receipt: ack.data } : fromError(ack.error);
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
    }
  }
  try {
    const { data } = await apiRequest<DealReceipt>('POST', `/events/${encodeURIComponent(route.eventId)}/deals`, deal, {
      token: route.token,
      fetch: route.fetch,
      // The deal is already safe in the outbox: do not keep the operator waiting on a dead link.
      timeoutMs: 5000,
    });
    return { kind: 'accepted', receipt: data };
  } catch (e) {
    if (e instanceof ApiRequestError) return fromError(e.error);
    if (e instanceof NetworkError) return { kind: 'unsent', reason: e.message };
    throw e;
  }
}
