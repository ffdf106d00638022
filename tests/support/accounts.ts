import type { Router } from 'express';
import { ADMIN_TOKEN, api, bodyOf } from './server.js';

export type Role = 'owner' | 'verifier' | 'desk' | 'viewer';
export const ROLES: Role[] = ['owner', 'verifier', 'desk', 'viewer'];

/** Make an account with the admin token; returns its id. */
export async function makeAccount(base: string, name: string, role: Role, events?: string[] | null): Promise<string> {
  const r = await api<{ id: string }>(base, 'POST', '/api/v1/accounts', { name, password: `${name}-password-1`, role, ...(events !== undefined ? { events } : {}) }, ADMIN_TOKEN);
  if (r.status !== 201) throw new Error(`account creation failed: ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** Sign in as the console does; the session cookie (name=value). */
export async function signIn(base: string, name: string, password = `${name}-password-1`): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${base}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

/** A console call with a session cookie, sent as the console page sends it (same origin, JSON). */
export async function asConsole<T = unknown>(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { cookie, origin: base, 'sec-fetch-site': 'same-origin', ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  return { status: res.status, body: await bodyOf<T>(res) };
}

type Layer = { route?: { path: string; methods: Record<string, boolean>; stack: { handle: { need?: string } }[] }; handle: { stack?: Layer[] }; rawPath?: string };

/** Every route of an Express router, walked from its stack, with the need its handlers declare (undefined: none). */
export function routesOf(router: Router, prefix = ''): { method: string; path: string; need: string | undefined }[] {
  const out: { method: string; path: string; need: string | undefined }[] = [];
  for (const layer of (router as unknown as { stack: Layer[] }).stack) {
    if (layer.route) {
      const need = layer.route.stack.map((l) => l.handle.need).find(Boolean);
      for (const m of Object.keys(layer.route.methods).filter((k) => k !== '_all')) out.push({ method: m.toUpperCase(), path: prefix + layer.route.path, need });
    } else if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...routesOf(layer.handle as unknown as Router, prefix + mount));
    }
  }
  return out;
}
