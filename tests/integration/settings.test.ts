import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { freePort, spawnServer, ROOT, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN, api, setupEvent, tempDataDir } from '../support/server.js';
import { openStore } from '../../server/src/store/sqlite.js';
import { loadConfig } from '../../server/src/config.js';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const running: ServerProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop('SIGKILL');
});

/** The environment of a fresh shell: none of the settings the .env file is meant to give. */
function bareEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATA_DIR', 'ADMIN_TOKEN', 'PORT', 'SIMULATE_URL', 'ENV_FILE']) delete env[k];
  return env;
}

/** Start the server from source in `venue` with `env` on top of a bare one, and wait for it to stop (it is expected to refuse). */
function startServerIn(venue: string, env: Record<string, string>) {
  return spawnSync(TSX, [path.join(ROOT, 'server/src/main.ts')], {
    cwd: venue,
    env: { ...bareEnv(), PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(venue, 'data'), ADMIN_TOKEN, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('settings from .env', () => {
  it('npm run backup copies the ledger in the DATA_DIR that .env names, not ./data', async () => {
    const venue = tempDataDir('venue-');
    fs.writeFileSync(path.join(venue, '.env'), 'DATA_DIR=./ledger-on-usb\n');
    const store = await openStore(path.join(venue, 'ledger-on-usb'));
    await store.close();

    const r = spawnSync(TSX, [path.join(ROOT, 'server/src/tools/backup.ts')], { cwd: venue, env: bareEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const backups = fs.readdirSync(path.join(venue, 'ledger-on-usb', 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^ledger-.*\.sqlite$/);
    expect(fs.existsSync(path.join(venue, 'data'))).toBe(false);
  });

  it('a variable set in the environment still wins over .env', async () => {
    const venue = tempDataDir('venue-');
    fs.writeFileSync(path.join(venue, '.env'), 'DATA_DIR=./wrong-place\n');
    const store = await openStore(path.join(venue, 'right-place'));
    await store.close();
    const r = spawnSync(TSX, [path.join(ROOT, 'server/src/tools/backup.ts')], { cwd: venue, env: { ...bareEnv(), DATA_DIR: path.join(venue, 'right-place') }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readdirSync(path.join(venue, 'right-place', 'backups'))).toHaveLength(1);
    expect(fs.existsSync(path.join(venue, 'wrong-place'))).toBe(false);
  });

  it('the production build (npm run start:prod) starts from its .env anywhere and serves', async () => {
    const build = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const venue = tempDataDir('venue-');
    const port = await freePort();
    fs.writeFileSync(path.join(venue, '.env'), `PORT=${port}\nHOST=127.0.0.1\nDATA_DIR=./ledger\nADMIN_TOKEN=${ADMIN_TOKEN}\nLOG_LEVEL=warn\n`);
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, 'server/dist/main.js')], { cwd: venue, env: bareEnv(), stdio: 'ignore' });
    try {
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => undefined))?.status, { timeout: 20_000 }).toBe(200);
      expect((await api(`http://127.0.0.1:${port}`, 'GET', '/api/v1/events', undefined, ADMIN_TOKEN)).status).toBe(200);
      expect(fs.existsSync(path.join(venue, 'ledger', 'ledger.sqlite'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('HTTPS settings are checked together, and a certificate that cannot be read stops the start naming it', () => {
    expect(() => loadConfig({ HTTPS_CERT: '/x/cert.pem' })).toThrow(/HTTPS_KEY/);
    expect(() => loadConfig({ HTTPS_KEY: '/x/key.pem' })).toThrow(/HTTPS_CERT/);
    expect(() => loadConfig({ HTTP_REDIRECT_PORT: '8080' })).toThrow(/HTTP_REDIRECT_PORT needs HTTPS_CERT/);
    expect(() => loadConfig({ METRICS_PORT: '3000', PORT: '3000' })).toThrow(/METRICS_PORT must differ/);
    expect(loadConfig({ HTTPS_CERT: '', HTTPS_KEY: '' }).HTTPS_CERT).toBeUndefined();

    const venue = tempDataDir('venue-');
    fs.writeFileSync(path.join(venue, 'not-a-cert.pem'), 'hello');
    for (const [cert, why] of [[path.join(venue, 'missing.pem'), /HTTPS_CERT: cannot read/], [path.join(venue, 'not-a-cert.pem'), /HTTPS_CERT\/HTTPS_KEY/]] as const) {
      const r = startServerIn(venue, { HTTPS_CERT: cert, HTTPS_KEY: path.join(venue, 'not-a-cert.pem') });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(why);
    }
  });

  it('REDIS_URL is refused without DATABASE_URL (one SQLite node has no other node to message), in English and Indonesian', () => {
    const r = startServerIn(tempDataDir('venue-'), { REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/REDIS_URL needs DATABASE_URL/);
    expect(r.stderr).toMatch(/REDIS_URL perlu DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/dealboard', REDIS_URL: 'http://redis:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/dealboard', REDIS_URL: 'rediss://:secret@redis:6380' }).REDIS_URL).toBe('rediss://:secret@redis:6380');
    expect(loadConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('npm run simulate takes the port and admin token from .env', async () => {
    const srv = await spawnServer();
    running.push(srv);
    // simulate feeds a rehearsal (a live event only with --live).
    const ctx = await setupEvent(srv.url, { status: 'rehearsal' });
    const venue = tempDataDir('venue-');
    fs.writeFileSync(path.join(venue, '.env'), `PORT=${srv.port}\nADMIN_TOKEN=${ADMIN_TOKEN}\n`);
    const r = spawnSync(TSX, [path.join(ROOT, 'scripts/simulate.ts'), '--event', ctx.event.id, '--rate', '20', '--duration', '1', '--booths', '1'], { cwd: venue, env: bareEnv(), encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    // It reached the server: it recorded deals, then took its booth away with them.
    expect(r.stdout).toMatch(/Removed 1 simulated booth and its [1-9]\d* rehearsal deals/);
    const audit = await api<{ entries: { action: string }[] }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/audit`, undefined, ADMIN_TOKEN);
    expect(audit.body.entries.map((e) => e.action)).toContain('booth.remove');
  });
});
