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

export interface ApiOptions {
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** JSON request under `/api/v1` (relative: the server serves the page too). Resolves with the body and status. */
export async function apiRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown, opts: ApiOptions = {}): Promise<{ status: number; data: T }> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? 10_000);
  let res: Response;
  try {
    res = await doFetch(`/api/v1${path}`, {
      method,
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
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    throw new NetworkError(`unreadable answer (HTTP ${res.status})`);
  }
  if (!res.ok) throw new ApiRequestError(res.status, toApiError(parsed, res.status));
  return { status: res.status, data: parsed as T };
}

function toApiError(body: unknown, status: number): ApiError {
  const e = (body as { error?: Partial<ApiError> } | null)?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') return e as ApiError;
  return { code: status >= 500 ? 'internal' : 'bad_request', message: `HTTP ${status}`, pesan: `HTTP ${status}` };
}
