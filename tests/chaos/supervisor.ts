import { spawnServer, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN, api, setupEvent } from '../support/server.js';

// Every server process any run started, so nothing outlives the test process.
export const liveChildren = new Set<ServerProcess>();
process.once('exit', () => {
  for (const s of liveChildren) s.child.kill('SIGKILL');
});

/** One server incarnation after another on the same port and data folder. */
export class Supervisor {
  current: ServerProcess | undefined;
  crashes: { at: number; code: number | null; signal: string | null; output: string }[] = [];
  /** Error-level lines (pino level ≥ 50) any incarnation logged. */
  readonly errors: string[] = [];
  private expectExit = false;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive() {
    const c = this.current?.child;
    return !!c && c.exitCode === null && c.signalCode === null;
  }

  async start(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const srv = await spawnServer({ dataDir: this.dataDir, port: this.port, env: this.env });
        liveChildren.add(srv);
        this.current = srv;
        srv.child.once('exit', (code, signal) => {
          liveChildren.delete(srv);
          this.errors.push(...srv.output().split('\n').filter((l) => /"level":(50|60)/.test(l)));
          if (!this.expectExit) this.crashes.push({ at: Date.now(), code, signal, output: srv.output().slice(-4000) });
        });
        return;
      } catch (e) {
        lastError = e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    throw new Error(`server would not (re)start on port ${this.port}: ${String(lastError)}`);
  }

  /** Stop the current process with `signal`; resolves with its exit code (null when killed by a signal). */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    const srv = this.current;
    if (!srv) return null;
    this.expectExit = true;
    try {
      await srv.stop(signal);
    } finally {
      this.expectExit = false;
      liveChildren.delete(srv);
    }
    return srv.child.exitCode;
  }
}


/** The run's event with a booth per tablet: their tokens, and the event's categories and delegations. */
export async function openChaosEvent(url: string, tablets: number) {
  const ctx = await setupEvent(url, { name: 'Uji Kekacauan (chaos)' });
  const eventId = ctx.event.id;
  const tokens = [ctx.boothA.token, ctx.boothB.token];
  for (let i = tokens.length; i < tablets; i++) {
    const booth = await api<{ token: string }>(url, 'POST', `/api/v1/events/${eventId}/booths`, { name: `Stan ${i + 1}`, delegation: i % 2 ? 'Kalsel' : 'Jatim' }, ADMIN_TOKEN);
    if (booth.status !== 201) throw new Error(`booth creation failed: ${JSON.stringify(booth.body)}`);
    tokens.push(booth.body.token);
  }
  return { eventId, tokens, categories: ctx.event.categories.map((c) => c.id), delegations: ctx.event.delegations.map((d) => d.id) };
}
