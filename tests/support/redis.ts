import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { freePort } from './free-port.js';
import { throwawayDir, type ThrowawayServer } from './throwaway.js';

/** Debian's Redis binary (`apt-get install redis-server`). */
export function redisBin(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('Redis is not installed (Debian: apt-get install redis-server); the Redis cluster suite needs it');
  return found;
}

/** `stop` is SIGTERM, or SIGKILL for a crash-like stop; it keeps nothing, so `start` is empty. */
export type RedisServer = ThrowawayServer<'SIGTERM' | 'SIGKILL'> & {
  /** Stop it answering (SIGSTOP) with its connections left open, as a host that vanished or hangs. */
  freeze(): void;
  /** Let it answer again (SIGCONT). */
  thaw(): void;
};

/**
 * A throwaway Redis: its own temporary folder, a random loopback port, nothing persisted
 * (`--save ''`, `--appendonly no`), logging to the test's memory rather than a file.
 */
export async function startRedis(): Promise<RedisServer> {
  const bin = redisBin();
  const dir = throwawayDir('dealboard-redis-');
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';

  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''];
    const c = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout?.on('data', (d) => (log += d));
    c.stderr?.on('data', (d) => (log += d));
    const deadline = Date.now() + 15_000;
    while (!(await answersPing(port))) {
      if (c.exitCode !== null) throw new Error(`redis-server exited:\n${log}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill(signal);
    c.kill('SIGCONT'); // a frozen one takes the signal only once it runs again
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async destroy() {
      await stop('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a Redis on `port` answers PING (plain RESP over a socket: no client library needed). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}
