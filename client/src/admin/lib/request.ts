import { ApiRequestError, apiRequest, NetworkError, type Method } from '../../socket/api';

export { ApiRequestError, NetworkError, type Method };

let onSignedOut: (() => void) | null = null;

/** Called when an admin call answers 401: the session expired or was signed out elsewhere. */
export function whenSignedOut(handler: (() => void) | null): void {
  onSignedOut = handler;
}

/**
 * The console's JSON request under `/api/v1`: the shared `apiRequest` with the session
 * cookie. Resolves with the body (undefined for 204); throws `ApiRequestError` or
 * `NetworkError`, and a 401 tells the console it was signed out.
 */
export async function adminRequest<T>(method: Method, path: string, body?: unknown, timeoutMs = 15_000): Promise<T> {
  // The server takes changes made with the session cookie only as JSON (a guard against cross-site forms).
  if (body === undefined && method !== 'GET') body = {};
  try {
    return (await apiRequest<T>(method, path, body, { timeoutMs, credentials: 'same-origin' })).data;
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 401 && path !== '/admin/session') onSignedOut?.();
    throw e;
  }
}

/** Path of an event's sub-resource, with the id escaped. */
export const eventPath = (eventId: string, rest = '') => `/events/${encodeURIComponent(eventId)}${rest}`;
