import type { ApiError } from '@dealboard/shared';
import { ApiRequestError, NetworkError } from '../../socket/api';

export { ApiRequestError, NetworkError };

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

let onSignedOut: (() => void) | null = null;

/** Called when an admin call answers 401: the session expired or was signed out elsewhere. */
export function whenSignedOut(handler: (() => void) | null): void {
  onSignedOut = handler;
}

/**
 * JSON request under `/api/v1` for the console. Unlike the tablet's `apiRequest` it
 * speaks PATCH and DELETE, sends the session cookie and accepts `204 No Content`.
 * Resolves with the body (undefined for 204); throws `ApiRequestError` or `NetworkError`.
 */
export async function adminRequest<T>(method: Method, path: string, body?: unknown, timeoutMs = 15_000): Promise<T> {
  // The server takes changes made with the session cookie only as JSON (a guard against cross-site forms).
  if (body === undefined && method !== 'GET') body = {};
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 204) return undefined as T;
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    if (!res.ok) throw new ApiRequestError(res.status, fallbackError(res.status));
    throw new NetworkError(`unreadable answer (HTTP ${res.status})`);
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/admin/session') onSignedOut?.();
    throw new ApiRequestError(res.status, toApiError(parsed, res.status));
  }
  return parsed as T;
}

function toApiError(body: unknown, status: number): ApiError {
  const e = (body as { error?: Partial<ApiError> } | null)?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') return e as ApiError;
  return fallbackError(status);
}

function fallbackError(status: number): ApiError {
  return { code: status >= 500 ? 'internal' : 'bad_request', message: `HTTP ${status}`, pesan: `HTTP ${status}` };
}

/** Path of an event's sub-resource, with the id escaped. */
export const eventPath = (eventId: string, rest = '') => `/events/${encodeURIComponent(eventId)}${rest}`;
