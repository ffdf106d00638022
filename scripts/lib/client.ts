// What the command-line tools share: the server of this folder's .env and JSON calls to its API.
import { loadEnvFile } from '../../server/src/env-file.js';

// The server's .env gives the admin token and the port, so the tools need no flags.
loadEnvFile();

/** The server of this folder's .env: its PUBLIC_URL (the name its certificate carries), else loopback. */
export function defaultUrl(): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, '');
  return `${process.env.HTTPS_CERT ? 'https' : 'http'}://127.0.0.1:${process.env.PORT || 3000}`;
}

export type Call = <T>(method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: T }>;

/** JSON calls to the API at `base`. */
export function apiClient(base: string): Call {
  return async <T>(method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // An empty 204 or a proxy's HTML page comes back as its text.
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, body: (json ? await res.json() : await res.text()) as T };
  };
}

/** The refusal's message in both languages, for a person at the terminal. */
export function refusal(r: { status: number; body: unknown }): string {
  const e = (r.body as { error?: { message?: string; pesan?: string } } | undefined)?.error;
  return e ? `${e.message}${e.pesan ? ` / ${e.pesan}` : ''}` : `HTTP ${r.status}`;
}
