import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminBooth, AuditEntry, Deal, PublicEvent, Totals } from '@dealboard/shared';
import { ADMIN_TOKEN, api, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import { ROOT } from '../support/process.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

/** Start a command-line tool: its exit code and everything it printed once it ends, `signal` to stop it as Ctrl-C or a service manager would. */
function start(script: string, args: string[]) {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ADMIN_TOKEN: '', ENV_FILE: '' } });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const done = new Promise<{ code: number | null; out: string }>((resolve) => child.on('close', (code) => resolve({ code, out })));
  return { done, output: () => out, signal: (s: NodeJS.Signals) => child.kill(s) };
}
const run = (script: string, args: string[]) => start(script, args).done;
const admin = <T>(method: string, p: string) => api<T>(srv.url, method, `/api/v1${p}`, undefined, ADMIN_TOKEN);
const boothsOf = async (eventId: string) => (await admin<{ booths: AdminBooth[] }>('GET', `/events/${eventId}/booths`)).body.booths;
const totalsOf = async (eventId: string) => (await api<Totals>(srv.url, 'GET', `/api/v1/events/${eventId}/totals`)).body;
const simulate = (extra: string[]) => ['--url', srv.url, '--admin-token', ADMIN_TOKEN, '--rate', '50', ...extra];

describe('npm run simulate and npm run replay', () => {
  it('both explain themselves with --help instead of crashing; simulate says what becomes of its booths', async () => {
    for (const script of ['scripts/simulate.ts', 'scripts/replay.ts']) {
      const help = await run(script, ['--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain('--admin-token');
    }
    const help = await run('scripts/simulate.ts', ['--help']);
    expect(help.out).toContain('simulated booths are removed');
    expect(help.out).toContain('With --live');
  });

  it('feeds a new rehearsal event by default and, when it ends, removes the booths it made with their deals; refuses a live event without --live', async () => {
    const done = await run('scripts/simulate.ts', simulate(['--duration', '1', '--booths', '2']));
    expect(done.code, done.out).toBe(0);
    const recorded = Number(/Done: (\d+) deals recorded/.exec(done.out)?.[1]);
    expect(recorded).toBeGreaterThan(0);
    expect(done.out).toContain(`Removed 2 simulated booths and their ${recorded} rehearsal deals.`);
    const event = (await admin<{ events: PublicEvent[] }>('GET', '/events')).body.events.find((e) => e.name === 'Gladi simulasi')!;
    expect(event.status).toBe('rehearsal');
    expect(event.booths).toEqual([]);
    expect(await boothsOf(event.id)).toEqual([]);
    expect((await admin<{ deals: Deal[] }>('GET', `/events/${event.id}/deals`)).body.deals).toEqual([]);
    expect(await totalsOf(event.id)).toMatchObject({ total: 0, count: 0, sellers: 0, byBooth: [], byCategory: [] });
    const audit = (await admin<{ entries: AuditEntry[] }>('GET', `/events/${event.id}/audit`)).body.entries;
    expect(audit.filter((e) => e.action === 'booth.remove')).toHaveLength(2);

    const live = await setupEvent(srv.url);
    const refused = await run('scripts/simulate.ts', simulate(['--event', live.event.id, '--duration', '1']));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('--live');
  });

  it('stopped with Ctrl-C or a stop signal, removes only the booths it made: the event keeps its own booths and deals', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const ctx = await setupEvent(srv.url, { status: 'rehearsal' });
      const own = await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 4_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'PT Banua' }, ctx.boothA.token);
      expect(own.status).toBe(201);
      const sim = start('scripts/simulate.ts', simulate(['--event', ctx.event.id, '--booths', '3']));
      // Until the simulated booths have recorded something.
      for (let i = 0; i < 300 && (await totalsOf(ctx.event.id)).count < 3; i++) await new Promise((r) => setTimeout(r, 50));
      expect(sim.output()).toContain('Simulating');
      sim.signal(signal);
      const done = await sim.done;
      expect(done.code, done.out).toBe(0);
      expect(done.out).toContain('Removed 3 simulated booths');
      expect((await boothsOf(ctx.event.id)).map((b) => b.name).sort()).toEqual(['Stan A', 'Stan B']);
      expect(await totalsOf(ctx.event.id)).toMatchObject({ total: 4_000_000, count: 1, byBooth: [{ boothId: ctx.boothA.id, total: 4_000_000, count: 1 }] });
    }
  });

  it('with --live only revokes its booths, and says why: their deals count', async () => {
    const live = await setupEvent(srv.url);
    const done = await run('scripts/simulate.ts', simulate(['--event', live.event.id, '--live', '--duration', '1', '--booths', '1']));
    expect(done.code, done.out).toBe(0);
    expect(done.out).toContain('the event is live, so their deals count and stay');
    const sim = (await boothsOf(live.event.id)).find((b) => b.name.startsWith('Simulasi'));
    expect(sim).toMatchObject({ revoked: true });
    expect(sim!.deals).toBeGreaterThan(0);
    expect((await totalsOf(live.event.id)).total).toBe(sim!.total);
  });
});
