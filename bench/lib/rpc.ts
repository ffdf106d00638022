import { fork, type ChildProcess } from 'node:child_process';

/**
 * Tiny request/answer protocol over the Node IPC channel between the bench
 * orchestrator and its child processes (servers, load generators). Messages use
 * the "advanced" (structured clone) serialisation so typed arrays travel as is.
 */
export type Request = { rpc: number; type: string; payload?: unknown };
export type Answer = { rpc: number; ok: boolean; result?: unknown; error?: string };

const children = new Set<ChildProcess>();

export interface Child {
  name: string;
  proc: ChildProcess;
  call<T = unknown>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  output(): string;
  stop(): Promise<void>;
}

/** Fork `modulePath` with an IPC channel; every child is tracked so `killAll` can end it. */
export function startChild(
  name: string,
  modulePath: string,
  opts: { execArgv?: string[]; env?: Record<string, string>; args?: string[]; echo?: boolean } = {},
): Child {
  const proc = fork(modulePath, opts.args ?? [], {
    execArgv: opts.execArgv ?? ['--import', 'tsx'],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  children.add(proc);
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    if (opts.echo) process.stderr.write(`[${name}] ${d}`);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  proc.on('message', (m: Answer) => {
    const w = m && typeof m.rpc === 'number' ? waiting.get(m.rpc) : undefined;
    if (!w) return;
    waiting.delete(m.rpc);
    clearTimeout(w.timer);
    if (m.ok) w.resolve(m.result);
    else w.reject(new Error(`${name}: ${m.error}`));
  });
  proc.on('exit', (code, signal) => {
    children.delete(proc);
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error(`${name} exited (${code ?? signal}) while a call was waiting:\n${out.slice(-3000)}`));
    }
    waiting.clear();
  });
  return {
    name,
    proc,
    output: () => out,
    call<T>(type: string, payload?: unknown, timeoutMs = 120_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (proc.exitCode !== null || proc.signalCode !== null || !proc.connected) {
          reject(new Error(`${name} is not running:\n${out.slice(-3000)}`));
          return;
        }
        const rpc = next++;
        const timer = setTimeout(() => {
          waiting.delete(rpc);
          reject(new Error(`${name}: ${type} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(rpc, { resolve: resolve as (v: unknown) => void, reject, timer });
        proc.send({ rpc, type, payload } satisfies Request);
      });
    },
    stop: () => stopProcess(proc),
  };
}

/** SIGTERM, then SIGKILL after `graceMs`. Resolves when the process has exited. */
export function stopProcess(proc: ChildProcess, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** End every child this process started (each by its own pid). */
export async function killAll(): Promise<void> {
  await Promise.all([...children].map((c) => stopProcess(c)));
}

/** Synchronous last resort for process exit: SIGKILL whatever is left. */
export function killAllNow(): void {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** In a child: answer the orchestrator's requests with `handlers`; exit when the parent goes away. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own payload type
export function serve(handlers: Record<string, (payload: any) => unknown>): void {
  if (!process.send) throw new Error('this module runs as a child of the bench (bench/run.ts or bench/cluster.ts)');
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: Request) => {
    if (!m || typeof m.rpc !== 'number') return;
    const h = handlers[m.type];
    try {
      if (!h) throw new Error(`unknown request ${m.type}`);
      const result = await h(m.payload);
      process.send!({ rpc: m.rpc, ok: true, result } satisfies Answer);
    } catch (e) {
      process.send!({ rpc: m.rpc, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies Answer);
    }
  });
}
