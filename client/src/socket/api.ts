import type { ApiError } from '@dealboard/shared';

/** The server answered with an error body `{"error": {code, message, pesan?, field?}}`. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
    this.name = 'ApiRequestError';
  }
}

/** The server could not be reached (offline, timed out, or it answered something unreadable). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiOptions {
  /** A booth's bearer token (the tablet); the console signs in with its session cookie instead. */
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
}

/**
 * JSON request under `/api/v1` (relative: the server serves the page too), for the tablet and
 * the console alike. Resolves with the status and the body (undefined for `204 No Content`);
 * throws `ApiRequestError` when the server refused, `NetworkError` when it could not be reached.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown, opts: ApiOptions = {}): Promise<{ status: number; data: T }> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 10_000);
  let res: Response;
  try {
    res = await doFetch(`/api/v1${path}`, {
      method,
      credentials: opts.credentials,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 204) return { status: 204, data: undefined as T };
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    // A proxy's error page: a refusal all the same (an `internal` one is worth retrying).
    if (!res.ok) throw new ApiRequestError(res.status, fallbackError(res.status));
    throw new NetworkError(`unreadable answer (HTTP ${res.status})`);
  }
  if (!res.ok) throw new ApiRequestError(res.status, toApiError(parsed, res.status));
  return { status: res.status, data: parsed as T };
}

function toApiError(body: unknown, status: number): ApiError {
  const e = (body as { error?: Partial<ApiError> } | null)?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') return e as ApiError;
  return fallbackError(status);
}

function fallbackError(status: number): ApiError {
  return { code: status >= 500 ? 'internal' : 'bad_request', message: `HTTP ${status}`, pesan: `HTTP ${status}` };
}
