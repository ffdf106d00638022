import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';
import { throwawayDir, type ThrowawayServer } from './throwaway.js';

/** Debian's PostgreSQL binaries (`apt-get install postgresql`), newest version first. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql); the PostgreSQL suites need it');
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/**
 * `url` is the `postgres` database's (superuser `postgres`, trust on loopback); `stop` is a fast
 * shutdown, or `immediate` for a crash-like stop, keeping the files.
 */
export interface PostgresCluster extends ThrowawayServer<'fast' | 'immediate'> {
  urlFor(database: string): string;
  /** Make an empty database and return its URL. */
  createDatabase(name?: string): Promise<string>;
}

/**
 * A throwaway PostgreSQL cluster: `initdb` into a fresh temporary folder owned by
 * the `postgres` user, on a random loopback port, with its socket in that folder.
 * Durability as in production (fsync and synchronous_commit on).
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  const dir = throwawayDir('dealboard-pg-');
  fs.chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const [cmd, args] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    const [c, a] = asPostgres(path.join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=300', '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'shared_buffers=64MB',
    ]);
    child = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (log += d));
    child.stderr?.on('data', (d) => (log += d));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`postgres exited:\n${log}`);
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
      }
      if (Date.now() > deadline) throw new Error(`postgres did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    // pg_ctl signals the postmaster itself (runuser in between would not pass the signal on).
    // immediate: no checkpoint, crash recovery on the next start, as after a power cut.
    const [cmd, args] = asPostgres(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', mode, '-w', '-t', '30']);
    spawnSync(cmd, args, { encoding: 'utf8' });
    await exited;
  };

  await start();
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    urlFor,
    createDatabase: (name?: string) => createDatabaseAt(url, name),
    stop,
    start,
    async destroy() {
      await stop('fast');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Make an empty database (named, or a fresh name) on a running cluster given by its admin URL; its URL. */
export async function createDatabaseAt(adminUrl: string, name = `t_${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
