/** The bench's calls to a server's API: JSON over fetch, and the live event it loads (no options read here: the cluster bench uses it too). */
import { liveEventInput } from '../../tests/support/event-input.js';
import type { BenchEvent } from './deals.js';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export async function api<T>(url: string, method: string, p: string, body?: unknown, token?: string): Promise<T> {
  const r = await fetch(url + p, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * One live event on our server, with `booths` booths (one per tablet) split over two
 * delegations; `urlFor(i)` is the server booth `i` is created on (a cluster spreads them).
 */
export async function setupEvent(url: string, booths = 20, urlFor: (i: number) => string = () => url): Promise<BenchEvent> {
  // The target is high enough that no milestone fires mid-bench (a celebration is not what is measured).
  const body = liveEventInput({ name: 'Bench — Misi Dagang', target: 100_000_000_000_000 });
  const ev = await api<{ id: string; categories: { id: string }[]; delegations: { id: string }[] }>(url, 'POST', '/api/v1/events', body, ADMIN_TOKEN);
  const tokens: string[] = [];
  for (let i = 0; i < booths; i++) {
    const b = await api<{ token: string }>(urlFor(i), 'POST', `/api/v1/events/${ev.id}/booths`, { name: `Stan ${i + 1}`, delegation: i % 2 ? 'Kalsel' : 'Jatim' }, ADMIN_TOKEN);
    tokens.push(b.token);
  }
  return { eventId: ev.id, categories: ev.categories.map((c) => c.id), delegations: ev.delegations.map((d) => d.id), tokens };
}

