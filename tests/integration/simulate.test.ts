import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal, PublicEvent } from '@dealboard/shared';
import { ADMIN_TOKEN, api, setupEvent, startServer, type TestServer } from '../support/server.js';
import { ROOT } from '../support/process.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

/** Run a command-line tool to its end: exit code and everything it printed. */
function run(script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, ADMIN_TOKEN: '', ENV_FILE: '' } });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}
const admin = <T>(method: string, p: string) => api<T>(srv.url, method, `/api/v1${p}`, undefined, ADMIN_TOKEN);

describe('npm run simulate and npm run replay', () => {
  it('both explain themselves with --help instead of crashing', async () => {
    for (const script of ['scripts/simulate.ts', 'scripts/replay.ts']) {
      const help = await run(script, ['--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain('--admin-token');
    }
  });

  it('feeds a new rehearsal event by default and removes the booths it made; refuses a live event without --live', async () => {
    const done = await run('scripts/simulate.ts', ['--url', srv.url, '--admin-token', ADMIN_TOKEN, '--rate', '50', '--duration', '1', '--booths', '2']);
    expect(done.code, done.out).toBe(0);
    const event = (await admin<{ events: PublicEvent[] }>('GET', '/events')).body.events.find((e) => e.name === 'Gladi simulasi')!;
    expect(event.status).toBe('rehearsal');
    expect(event.booths).toEqual([]);
    const deals = (await admin<{ deals: Deal[] }>('GET', `/events/${event.id}/deals`)).body.deals;
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.every((d) => d.rehearsal)).toBe(true);
    // The wipe takes the simulation's deals and its revoked booths.
    await api(srv.url, 'POST', `/api/v1/events/${event.id}/rehearsal/wipe`, undefined, ADMIN_TOKEN);
    expect((await admin<{ booths: unknown[] }>('GET', `/events/${event.id}/booths`)).body.booths).toEqual([]);

    const live = await setupEvent(srv.url);
    const refused = await run('scripts/simulate.ts', ['--url', srv.url, '--admin-token', ADMIN_TOKEN, '--event', live.event.id, '--duration', '1']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('--live');
  });
});
