/**
 * Chaos harness: the real server in its own process, N simulated tablets with
 * an outbox each, a few boards, random connection drops, and K `kill -9` +
 * restarts on the same port and data folder while deals flow.
 *
 * At the end it checks, from the SQLite file itself and from the public API:
 * exactly one stored deal per id the tablets created, the stored total equal to
 * the exact (BigInt) sum of the created amounts, and every board showing that
 * total within a bound after the load stops.
 *
 * Invariant breaks are collected in `report.failures` (the run goes on, so the
 * report shows every figure); infrastructure faults (a server that will not
 * start) throw. Either way every child process is gone when `runChaos` returns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io as ioClient, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { Ack, ApiError, BoardSnapshot, BoardUpdate, DealInput, DealReceipt, Totals } from '@dealboard/shared';
import { spawnServer, freePort, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN, api, setupEvent, tempDataDir, type BoardSocket, type OperatorSocket } from '../support/server.js';
import { between, pick, randomSeed, stream, uuidFrom, type Rng } from './random.js';

export interface ChaosOptions {
  /** Simulated tablets (each its own booth and socket). Default 4. */
  tablets?: number;
  /** How many of the tablets use the HTTP call instead of the socket (same outbox, resent on the timer). Default 0. */
  httpTablets?: number;
  /** Board sockets watching the total. Default 3. */
  boards?: number;
  /** `kill -9` + restart cycles while deals flow (K). Default 5. */
  restarts?: number;
  /** Deals each tablet creates per second. Default 8. */
  ratePerTablet?: number;
  /** Stop creating after this many deals per tablet (default: no cap; creation runs until the last restart + tailMs). */
  maxDealsPerTablet?: number;
  /** Server up time before each kill, [min, max] ms, drawn from the seed. Default [600, 2000]. */
  uptimeMs?: [number, number];
  /** Time the server stays dead before the restart, [min, max] ms. Default [0, 400]. */
  downtimeMs?: [number, number];
  /**
   * Share of kills aimed at commits in flight: every tablet creates `burstSize` deals at once and the kill
   * follows 0–15 ms later, so some deals die committed-but-unacknowledged (the case resends must survive).
   * Default 0.5; the other kills land at a plain random moment.
   */
  burstKillShare?: number;
  /** Deals per tablet in such a burst. Default 10. */
  burstSize?: number;
  /** Load kept flowing after the last restart before creation stops. Default 2000. */
  tailMs?: number;
  /** Chance per tablet per drop tick that the harness drops its connection. Default 0.04. */
  dropProbability?: number;
  /** Chance per board per drop tick. Default 0.01. */
  boardDropProbability?: number;
  /** Drop tick. Default 250 ms. */
  dropTickMs?: number;
  /** A pending deal not awaiting an answer is resent this long after its last send or refusal. Default 1000 ms. */
  resendAfterMs?: number;
  /** Ack timeout of one send (socket ack or HTTP request); no answer by then counts as a lost ack. Default 3000 ms. */
  ackTimeoutMs?: number;
  /** Bound on emptying every outbox once creation stops. Default 30 s. */
  drainTimeoutMs?: number;
  /** Bound on waiting for the boards after the load stops. Default 5 s. */
  boardWaitMs?: number;
  /** Hard bound on the whole run; the chaos loop stops early past it (reported as a failure). Default 15 min. */
  maxDurationMs?: number;
  /** Seed for every random choice; printed so a failure can be replayed. Default: random. */
  seed?: number;
  /** Extra environment for the server. The per-booth rate limit is lifted by default (this tests durability, not throttling). */
  serverEnv?: Record<string, string>;
  /** Progress lines (seed, each restart). Default console.log. */
  log?: (line: string) => void;
  /** Log every restart (long form). Default false. */
  verbose?: boolean;
  /** Keep the data folder even when the run passes. Default false (kept on failure). */
  keepData?: boolean;
}

export interface ChaosReport {
  ok: boolean;
  failures: string[];
  seed: number;
  /** kill -9 + restart cycles survived. */
  restarts: number;
  /** Server exits the harness did not cause. */
  crashes: number;
  tablets: number;
  httpTablets: number;
  boards: number;
  dealsCreated: number;
  /** Rows in `deals` for the event. */
  stored: number;
  /** Created ids missing from the store. */
  lost: number;
  /** Rows beyond one per id (rows − distinct ids), plus counts the API reports beyond the created ones. */
  doubled: number;
  /** Stored ids no tablet created. */
  extra: number;
  expectedTotal: string;
  storedTotal: string;
  bucketsTotal: string;
  apiTotal: string;
  /** Every `deal:submit` emitted. */
  sends: number;
  /** Sends beyond the first of each deal. */
  resends: number;
  /** Ok acks with `duplicate: true` (the deal was already stored). */
  duplicateAcks: number;
  /** `{ok:false}` acks with a retryable code (internal, rate_limited); the deal stayed pending. */
  retryableRefusals: number;
  /** Acks that never came (timeout or the connection died first). */
  lostAcks: number;
  /** Tablet connections dropped by the harness. */
  drops: number;
  boardDrops: number;
  /** Worst time from the load stopping (last ok ack) until a board showed the final total; null when one never did. */
  boardLagMs: number | null;
  boardLagsMs: (number | null)[];
  boardSnapshots: number;
  boardUpdates: number;
  boardGaps: number;
  /** From the moment a deal was created on the tablet to its first ok ack (includes server down time). */
  ackLatencyMs: { p50: number; p99: number; max: number };
  ackLatencyByTransportMs: { socket: { p50: number; p99: number; max: number }; http: { p50: number; p99: number; max: number } };
  /** From `kill -9` to the restarted server answering health. */
  restartMs: { mean: number; max: number };
  /** From the restarted server answering health to every board holding a fresh snapshot from it (restarts where all boards got there before the next kill). */
  boardRecoveryMs: { mean: number; max: number; measured: number };
  loadMs: number;
  drainMs: number;
  durationMs: number;
  date: string;
  machine: string;
  /** 1-minute load average when the run started and when it ended (the machine may be shared). */
  loadAverage: [number, number];
  dataDir?: string;
}

/** One deal in a tablet's outbox; `inFlight` while a send awaits its answer (a resend waits for that answer or its timeout). */
type OutboxEntry = { deal: DealInput & { id: string; amount: number }; createdAt: number; sends: number; lastSentAt: number; inFlight: boolean };

const DEFAULTS = {
  tablets: 4,
  httpTablets: 0,
  boards: 3,
  restarts: 5,
  ratePerTablet: 8,
  maxDealsPerTablet: Infinity,
  uptimeMs: [600, 2000] as [number, number],
  downtimeMs: [0, 400] as [number, number],
  tailMs: 2000,
  burstKillShare: 0.5,
  burstSize: 10,
  dropProbability: 0.04,
  boardDropProbability: 0.01,
  dropTickMs: 250,
  resendAfterMs: 1000,
  ackTimeoutMs: 3000,
  drainTimeoutMs: 30_000,
  boardWaitMs: 5000,
  maxDurationMs: 15 * 60_000,
};

/** Socket options shared by tablets and boards: reconnect on their own, quickly, with jitter. */
const RECONNECT: Partial<ManagerOptions & SocketOptions> = {
  transports: ['websocket'],
  forceNew: true,
  reconnection: true,
  reconnectionDelay: 100,
  reconnectionDelayMax: 1000,
  randomizationFactor: 0.5,
  timeout: 3000,
};

// Every server process any run started, so nothing outlives the test process.
const liveChildren = new Set<ServerProcess>();
const liveRuns = new Set<ChaosRun>();
process.once('exit', () => {
  for (const s of liveChildren) s.child.kill('SIGKILL');
});

/** Stop every run in progress and SIGKILL every server it started (for afterAll / signal handlers). */
export async function abortAllChaos(): Promise<void> {
  for (const run of liveRuns) run.abort('aborted by abortAllChaos');
  await Promise.all([...liveChildren].map((s) => s.stop('SIGKILL')));
}

/** Run the chaos scenario once; resolves with the report (check `report.ok`). */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const run = new ChaosRun(options);
  liveRuns.add(run);
  try {
    return await run.execute();
  } finally {
    liveRuns.delete(run);
  }
}

class Aborted extends Error {}

/** One server incarnation after another on the same port and data folder. */
class Supervisor {
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

class Tablet {
  /** Socket tablets talk over `/operator`; HTTP tablets POST each deal (the fallback path), no socket. */
  readonly socket: OperatorSocket | undefined;
  readonly outbox = new Map<string, OutboxEntry>();
  created = 0;
  manualDown = false;
  private n = 0;

  constructor(
    private readonly run: ChaosRun,
    readonly index: number,
    private readonly url: string,
    private readonly token: string,
    private readonly eventId: string,
    private readonly dealRng: Rng,
    readonly transport: 'socket' | 'http',
  ) {
    if (transport === 'http') return;
    const socket = ioClient(`${url}/operator`, { ...RECONNECT, auth: { token } }) as OperatorSocket;
    this.socket = socket;
    // After every (re)connect, resend everything still pending, oldest first.
    socket.on('connect', () => {
      for (const entry of this.outbox.values()) void this.send(entry);
    });
    socket.on('connect_error', (err) => {
      // A refusal at the handshake (not a network error) stops socket.io's own retries.
      if (!socket.active) {
        this.run.fail(`tablet ${index}: handshake refused (${err.message})`);
        this.run.later(500, () => socket.connect());
      }
    });
  }

  get connected(): boolean {
    return this.socket ? this.socket.connected : true;
  }

  /** A deal is entered on the tablet: its id is made now, and it goes to the outbox first. */
  createDeal(categories: readonly string[], delegations: readonly string[]) {
    const rng = this.dealRng;
    this.n++;
    // Mostly round amounts like real deals, some odd ones so an off-by-a-rupiah shows.
    const amount = rng() < 0.7 ? between(rng, 1, 5000) * 1_000_000 : between(rng, 1, 9_999_999_999);
    const deal: OutboxEntry['deal'] = {
      id: uuidFrom(rng),
      amount,
      category: pick(rng, categories),
      seller: `UMKM Tablet ${this.index} no. ${this.n}`,
      buyer: pick(rng, ['CV Sumber Rejeki', 'PT Banua Makmur', 'Koperasi Barito', 'UD Sapi Madura']),
      kind: rng() < 0.85 ? 'trade' : 'investment',
      createdAt: new Date().toISOString(),
    };
    if (rng() < 0.5) deal.buyerDelegation = pick(rng, delegations);
    if (rng() < 0.3) {
      deal.quantity = between(rng, 1, 500);
      deal.unit = pick(rng, ['ton', 'ekor', 'kg', 'unit']);
    }
    if (rng() < 0.2) deal.note = `catatan ${this.n}`;
    const entry: OutboxEntry = { deal, createdAt: Date.now(), sends: 0, lastSentAt: 0, inFlight: false };
    this.outbox.set(deal.id, entry);
    this.created++;
    this.run.recordCreated(deal.id, amount);
    void this.send(entry);
  }

  /**
   * Timer: resend what has waited `afterMs` since its last send without an ok ack and is not
   * awaiting an answer. Socket tablets resend all such deals at once; HTTP tablets flush their
   * outbox one request at a time, oldest first, and stop at the first that cannot get through
   * (as the tablet page does), so a dead server does not meet a storm of parallel requests.
   */
  resendStale(now: number, afterMs: number) {
    const due = [...this.outbox.values()].filter((e) => !e.inFlight && now - e.lastSentAt >= afterMs);
    if (this.socket) for (const entry of due) void this.send(entry);
    else if (due.length && !this.flushing) void this.flushHttp(due);
  }

  private flushing = false;

  private async flushHttp(due: OutboxEntry[]) {
    this.flushing = true;
    try {
      for (const entry of due) {
        if (!this.outbox.has(entry.deal.id) || entry.inFlight) continue;
        if (!(await this.send(entry))) break;
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Send once; resolves true when an answer came (ok or not), false when none did. */
  private send(entry: OutboxEntry): Promise<boolean> {
    const socket = this.socket;
    if (socket && !socket.connected) return Promise.resolve(false); // the connect handler resends it
    entry.sends++;
    entry.lastSentAt = Date.now();
    entry.inFlight = true;
    this.run.stats.sends++;
    if (entry.sends > 1) this.run.stats.resends++;
    if (!socket) return this.post(entry);
    return new Promise((resolve) => {
      socket.timeout(this.run.opts.ackTimeoutMs).emit('deal:submit', entry.deal, (err: Error | null, res: Ack<DealReceipt>) => {
        entry.inFlight = false;
        entry.lastSentAt = Date.now();
        if (err) {
          this.run.stats.lostAcks++;
          resolve(false);
          return;
        }
        this.onAck(entry, res);
        resolve(true);
      });
    });
  }

  /** The HTTP path: 201 new, 200 duplicate, an error body otherwise; no answer → stays pending. */
  private async post(entry: OutboxEntry): Promise<boolean> {
    let status: number;
    let body: unknown;
    try {
      const res = await fetch(`${this.url}/api/v1/events/${this.eventId}/deals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(entry.deal),
        signal: AbortSignal.timeout(this.run.opts.ackTimeoutMs),
      });
      status = res.status;
      body = await res.json().catch(() => undefined);
    } catch {
      this.run.stats.lostAcks++;
      return false;
    } finally {
      entry.inFlight = false;
      entry.lastSentAt = Date.now();
    }
    if (status === 200 || status === 201) {
      const receipt = body as DealReceipt;
      if (receipt.duplicate !== (status === 200)) this.run.fail(`HTTP ${status} for ${entry.deal.id} with duplicate=${receipt.duplicate}`);
      this.onAck(entry, { ok: true, data: receipt });
    } else {
      const error = (body as { error?: ApiError } | undefined)?.error;
      this.onAck(entry, { ok: false, error: error ?? { code: status >= 500 ? 'internal' : 'bad_request', message: `HTTP ${status} without an error body` } });
    }
    return true;
  }

  private onAck(entry: OutboxEntry, res: Ack<DealReceipt>) {
    const id = entry.deal.id;
    if (!res.ok) {
      if (res.error.code === 'internal' || res.error.code === 'rate_limited' || res.error.code === 'store_unavailable') {
        this.run.stats.retryableRefusals++;
        return;
      }
      this.run.fail(`tablet ${this.index}: deal ${id} refused with ${res.error.code}: ${res.error.message}`);
      return;
    }
    const { deal, duplicate } = res.data;
    if (deal.id !== id || deal.amount !== entry.deal.amount) {
      this.run.fail(`tablet ${this.index}: ack for ${id} carries deal ${deal.id} amount ${deal.amount} (sent ${entry.deal.amount})`);
    }
    this.run.recordAck(id, duplicate, entry.createdAt, this.transport);
    this.outbox.delete(id);
  }

  /** Random drop: disconnect now, connect again after a short random pause. */
  drop(pauseMs: number) {
    if (this.manualDown || !this.socket) return;
    this.manualDown = true;
    this.socket.disconnect();
    this.run.later(pauseMs, () => this.reconnect());
  }

  reconnect() {
    if (!this.manualDown) return;
    this.manualDown = false;
    this.socket?.connect();
  }

  close() {
    this.socket?.disconnect();
  }
}

class Board {
  readonly socket: BoardSocket;
  total: bigint | undefined;
  count = -1;
  seq = -1;
  /** Highest seq this board ever saw, across reconnects and server restarts. */
  maxSeq = -1;
  shownAt = 0;
  lastSnapshotAt = 0;
  snapshots = 0;
  updates = 0;
  gaps = 0;
  manualDown = false;

  constructor(
    private readonly run: ChaosRun,
    readonly index: number,
    url: string,
    eventId: string,
  ) {
    this.socket = ioClient(`${url}/board`, { ...RECONNECT, auth: { eventId } }) as BoardSocket;
    // A new connection starts a new seq stream; the snapshot that follows sets it.
    this.socket.on('connect', () => (this.seq = -1));
    this.socket.on('board:snapshot', (s) => {
      this.snapshots++;
      this.lastSnapshotAt = Date.now();
      this.apply(s, 'snapshot');
    });
    this.socket.on('board:update', (u: BoardUpdate) => {
      this.updates++;
      if (u.seq <= this.seq) return; // stale
      if (u.fromSeq > this.seq && this.seq >= 0) {
        this.gaps++;
        this.socket.emit('board:resync', (res: Ack<BoardSnapshot>) => {
          if (res.ok) this.apply(res.data, 'resync');
        });
      }
      this.apply(u, 'update');
    });
  }

  private apply(t: Pick<Totals, 'seq' | 'total' | 'count'>, how: string) {
    if (t.seq <= this.seq) return;
    const total = BigInt(t.total);
    if (t.seq < this.maxSeq) {
      // After a restart the server must never report less than it had already broadcast:
      // a broadcast follows a commit, so a lower seq means a committed change went missing.
      this.run.fail(`board ${this.index}: ${how} seq ${t.seq} below the ${this.maxSeq} it already showed (total ${t.total})`);
    }
    if (this.total !== undefined && t.seq > this.maxSeq && total < this.total) {
      this.run.fail(`board ${this.index}: total fell from ${this.total} to ${total} while seq rose to ${t.seq} (no voids in this run)`);
    }
    this.seq = t.seq;
    this.count = t.count;
    this.maxSeq = Math.max(this.maxSeq, t.seq);
    if (total !== this.total) {
      this.total = total;
      this.shownAt = Date.now();
    }
  }

  drop(pauseMs: number) {
    if (this.manualDown) return;
    this.manualDown = true;
    this.socket.disconnect();
    this.run.later(pauseMs, () => this.reconnect());
  }

  reconnect() {
    if (!this.manualDown) return;
    this.manualDown = false;
    this.socket.connect();
  }

  close() {
    this.socket.disconnect();
  }
}

class ChaosRun {
  readonly opts: typeof DEFAULTS;
  readonly seed: number;
  readonly failures: string[] = [];
  readonly stats = { sends: 0, resends: 0, duplicateAcks: 0, retryableRefusals: 0, lostAcks: 0, drops: 0, boardDrops: 0 };
  private readonly created = new Map<string, number>();
  private readonly ackedNew = new Set<string>();
  private readonly ackedAny = new Set<string>();
  private readonly ackLatencies = { socket: [] as number[], http: [] as number[] };
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private tablets: Tablet[] = [];
  private boards: Board[] = [];
  private lastOkAckAt = 0;
  private aborted: string | undefined;
  private readonly log: (line: string) => void;
  private readonly serverEnv: Record<string, string>;

  constructor(private readonly options: ChaosOptions) {
    this.opts = { ...DEFAULTS };
    for (const [k, v] of Object.entries(options)) if (v !== undefined && k in DEFAULTS) (this.opts as Record<string, unknown>)[k] = v;
    this.seed = (options.seed ?? randomSeed()) >>> 0;
    this.log = options.log ?? ((l) => console.log(l));
    this.serverEnv = { DEAL_RATE_PER_MINUTE: '1000000', DEAL_RATE_BURST: '1000000', ...options.serverEnv };
  }

  fail(message: string) {
    if (this.failures.length < 200) this.failures.push(message);
  }

  abort(reason: string) {
    this.aborted = reason;
  }

  /** A tracked one-shot timer (cleared at the end whatever happens). */
  later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private every(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setInterval(fn, ms);
    this.intervals.add(t);
    return t;
  }

  private stopInterval(t: NodeJS.Timeout) {
    clearInterval(t);
    this.intervals.delete(t);
  }

  recordCreated(id: string, amount: number) {
    if (this.created.has(id)) this.fail(`the harness made id ${id} twice (seeded uuid collision)`);
    this.created.set(id, amount);
  }

  recordAck(id: string, duplicate: boolean, createdAt: number, transport: 'socket' | 'http') {
    if (!duplicate) {
      // The server said "new" twice for one id: the first insert was acked but did not last.
      if (this.ackedNew.has(id)) this.fail(`deal ${id} acknowledged as new twice (an acked insert was lost and redone)`);
      this.ackedNew.add(id);
    } else {
      this.stats.duplicateAcks++;
    }
    if (!this.ackedAny.has(id)) {
      this.ackedAny.add(id);
      this.ackLatencies[transport].push(Date.now() - createdAt);
    }
    this.lastOkAckAt = Date.now();
  }

  private async sleep(ms: number) {
    if (this.aborted) throw new Aborted(this.aborted);
    await new Promise<void>((r) => this.later(ms, r));
    if (this.aborted) throw new Aborted(this.aborted);
  }

  /** Poll `cond` every `stepMs` until it holds or `ms` pass; returns whether it held. */
  private async until(cond: () => boolean, ms: number, stepMs = 5): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) return false;
      await this.sleep(stepMs);
    }
    return true;
  }

  private pending(): number {
    let n = 0;
    for (const t of this.tablets) n += t.outbox.size;
    return n;
  }

  async execute(): Promise<ChaosReport> {
    const o = this.opts;
    const started = Date.now();
    const loadAtStart = os.loadavg()[0]!;
    const deadline = started + o.maxDurationMs;
    this.log(`chaos: seed=${this.seed} (replay with CHAOS_SEED=${this.seed}) tablets=${o.tablets} (http ${o.httpTablets}) boards=${o.boards} restarts=${o.restarts} rate=${o.ratePerTablet}/s/tablet`);

    const dataDir = tempDataDir('dealboard-chaos-');
    const sup = new Supervisor(dataDir, await freePort(), this.serverEnv);
    const restartTimes: number[] = [];
    const recoveries: number[] = [];
    let restarts = 0;
    let loadStartedAt = 0;
    let loadStoppedAt = 0;
    let drainStartedAt = 0;
    let boardLags: (number | null)[] = [];
    const db = { stored: 0, lost: 0, doubled: 0, extra: 0, storedTotal: '', bucketsTotal: '', apiTotal: '' };
    const expected = () => [...this.created.values()].reduce((s, a) => s + BigInt(a), 0n);

    try {
      await sup.start();
      const ctx = await setupEvent(sup.url, { name: 'Uji Kekacauan (chaos)' });
      const eventId = ctx.event.id;
      const tokens = [ctx.boothA.token, ctx.boothB.token];
      for (let i = tokens.length; i < o.tablets; i++) {
        const booth = await api<{ token: string }>(sup.url, 'POST', `/api/v1/events/${eventId}/booths`, { name: `Stan ${i + 1}`, delegation: i % 2 ? 'Kalsel' : 'Jatim' }, ADMIN_TOKEN);
        if (booth.status !== 201) throw new Error(`booth creation failed: ${JSON.stringify(booth.body)}`);
        tokens.push(booth.body.token);
      }
      const categories = ctx.event.categories.map((c) => c.id);
      const delegations = ctx.event.delegations.map((d) => d.id);

      this.boards = Array.from({ length: o.boards }, (_, i) => new Board(this, i, sup.url, eventId));
      this.tablets = Array.from(
        { length: o.tablets },
        (_, i) => new Tablet(this, i, sup.url, tokens[i]!, eventId, stream(this.seed, `deals:${i}`), i >= o.tablets - o.httpTablets ? 'http' : 'socket'),
      );
      if (!(await this.until(() => this.boards.every((b) => b.total !== undefined) && this.tablets.every((t) => t.connected), 15_000, 20))) {
        throw new Error('tablets or boards did not connect');
      }

      // The load: each tablet creates deals at its rate; the harness drops connections at random;
      // every pending deal is resent after resendAfterMs without an ok ack.
      loadStartedAt = Date.now();
      const creators = this.tablets.map((t) =>
        this.every(1000 / o.ratePerTablet, () => {
          if (t.created < o.maxDealsPerTablet) t.createDeal(categories, delegations);
        }),
      );
      const dropRngs = this.tablets.map((_, i) => stream(this.seed, `drops:${i}`));
      const boardDropRngs = this.boards.map((_, i) => stream(this.seed, `board-drops:${i}`));
      const dropper = this.every(o.dropTickMs, () => {
        this.tablets.forEach((t, i) => {
          const rng = dropRngs[i]!;
          if (rng() < o.dropProbability && t.socket && !t.manualDown) {
            this.stats.drops++;
            t.drop(between(rng, 0, 300));
          }
        });
        this.boards.forEach((b, i) => {
          const rng = boardDropRngs[i]!;
          if (rng() < o.boardDropProbability && !b.manualDown) {
            this.stats.boardDrops++;
            b.drop(between(rng, 0, 300));
          }
        });
      });
      this.every(200, () => {
        const now = Date.now();
        for (const t of this.tablets) t.resendStale(now, o.resendAfterMs);
      });

      // K times: let deals flow, kill -9 at a random moment, stay dead a while, restart on the same port.
      const killRng = stream(this.seed, 'kills');
      for (let k = 1; k <= o.restarts; k++) {
        if (Date.now() > deadline) {
          this.fail(`time bound reached after ${restarts} of ${o.restarts} restarts`);
          break;
        }
        await this.sleep(between(killRng, o.uptimeMs[0], o.uptimeMs[1]));
        const down = between(killRng, o.downtimeMs[0], o.downtimeMs[1]);
        if (killRng() < o.burstKillShare) {
          for (const t of this.tablets) for (let b = 0; b < o.burstSize && t.created < o.maxDealsPerTablet; b++) t.createDeal(categories, delegations);
          await this.sleep(between(killRng, 0, 15));
        }
        const ackedAtKill = this.ackedAny.size;
        const killedAt = Date.now();
        await sup.stop('SIGKILL');
        await this.sleep(down);
        await sup.start();
        restartTimes.push(Date.now() - killedAt);
        restarts = k;
        const healthyAt = Date.now();
        const incarnation = k;
        this.until(() => restarts !== incarnation || this.boards.every((b) => b.lastSnapshotAt >= healthyAt), 10_000, 10).then(
          () => {
            if (restarts === incarnation && this.boards.every((b) => b.lastSnapshotAt >= healthyAt)) {
              const ms = Math.max(...this.boards.map((b) => b.lastSnapshotAt)) - healthyAt;
              recoveries.push(ms);
              if (this.options.verbose) this.log(`chaos: restart ${incarnation}: every board resynced ${ms} ms after health`);
            }
          },
          () => undefined,
        );
        // Every deal acked before the kill must be in the restarted server's count.
        const totals = await api<{ count: number; seq: number }>(sup.url, 'GET', `/api/v1/events/${eventId}/totals`);
        if (totals.status !== 200) this.fail(`restart ${k}: GET /totals answered ${totals.status}`);
        else if (totals.body.count < ackedAtKill) {
          this.fail(`restart ${k}: server counts ${totals.body.count} deals but ${ackedAtKill} had been acknowledged before the kill`);
        }
        if (this.options.verbose || k === o.restarts) {
          this.log(`chaos: restart ${k}/${o.restarts}: dead ${down} ms, healthy ${healthyAt - killedAt} ms after the kill; created ${this.created.size}, pending ${this.pending()}, stored ${totals.body.count}`);
        }
      }

      // Keep the load on a healthy server for a while, then stop creating and dropping.
      await this.sleep(o.tailMs);
      for (const c of creators) this.stopInterval(c);
      this.stopInterval(dropper);
      for (const t of this.tablets) t.reconnect();
      for (const b of this.boards) b.reconnect();

      // Drain: every outbox empties (the resend timer keeps running).
      drainStartedAt = Date.now();
      if (!(await this.until(() => this.pending() === 0 || !sup.alive, o.drainTimeoutMs))) {
        this.fail(`outboxes not empty ${o.drainTimeoutMs} ms after creation stopped: ${this.pending()} deals pending`);
      }
      if (!sup.alive) {
        this.fail('the server died during the drain');
        await sup.start();
        await this.until(() => this.pending() === 0, o.drainTimeoutMs);
      }
      loadStoppedAt = Math.max(this.lastOkAckAt, drainStartedAt);

      // Boards: each must show the exact total; lag measured from the load stopping.
      const want = expected();
      const shows = (b: Board) => b.total === want && b.count === this.created.size;
      await this.until(() => this.boards.every(shows), o.boardWaitMs, 5);
      boardLags = this.boards.map((b) => (shows(b) ? Math.max(0, b.shownAt - loadStoppedAt) : null));
      this.boards.forEach((b, i) => {
        if (!shows(b)) {
          this.fail(`board ${i} shows ${b.total} / ${b.count} deals, not ${want} / ${this.created.size}, ${o.boardWaitMs} ms after the load stopped (connected: ${b.socket.connected})`);
        }
      });

      for (const t of this.tablets) t.close();
      for (const b of this.boards) b.close();
      for (const i of [...this.intervals]) this.stopInterval(i);

      // A clean stop, then the SQLite file itself.
      const code = await sup.stop('SIGTERM');
      if (code !== 0) this.fail(`SIGTERM shutdown exited with ${code}`);
      Object.assign(db, this.inspectStore(dataDir, eventId, want));

      // And the public API after one more start.
      await sup.start();
      const final = await api<{ total: number; count: number; seq: number }>(sup.url, 'GET', `/api/v1/events/${eventId}/totals`);
      db.apiTotal = String(final.body.total);
      if (final.status !== 200 || typeof final.body.total !== 'number' || BigInt(final.body.total) !== want) this.fail(`GET /totals total ${final.body.total} ≠ expected ${want}`);
      if (final.body.count !== this.created.size) {
        this.fail(`GET /totals count ${final.body.count} ≠ ${this.created.size} deals created`);
        if (typeof final.body.count === 'number') db.doubled += Math.max(0, final.body.count - this.created.size);
      }
      if (final.body.seq !== db.stored) this.fail(`GET /totals seq ${final.body.seq} ≠ ${db.stored} accepted changes`);
      await sup.stop('SIGTERM');
    } catch (e) {
      if (e instanceof Aborted) this.fail(`run aborted: ${e.message}`);
      else throw e;
    } finally {
      for (const t of [...this.timers]) clearTimeout(t);
      this.timers.clear();
      for (const i of [...this.intervals]) this.stopInterval(i);
      for (const t of this.tablets) t.close();
      for (const b of this.boards) b.close();
      if (sup.alive) await sup.stop('SIGKILL');
    }

    for (const line of sup.errors.slice(0, 5)) this.fail(`server logged an error: ${line.slice(0, 300)}`);
    for (const c of sup.crashes) this.fail(`server crashed (exit ${c.code ?? c.signal}): ${c.output.slice(-800)}`);
    const ok = this.failures.length === 0 && db.lost === 0 && db.doubled === 0 && db.extra === 0;
    const keep = !ok || this.options.keepData;
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    const quantiles = (xs: number[]) => {
      const lat = [...xs].sort((a, b) => a - b);
      const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
      return { p50: q(0.5), p99: q(0.99), max: lat[lat.length - 1] ?? 0 };
    };
    const lags = boardLags.filter((l): l is number => l !== null);
    const report: ChaosReport = {
      ok,
      failures: this.failures,
      seed: this.seed,
      restarts,
      crashes: sup.crashes.length,
      tablets: o.tablets,
      httpTablets: o.httpTablets,
      boards: o.boards,
      dealsCreated: this.created.size,
      stored: db.stored,
      lost: db.lost,
      doubled: db.doubled,
      extra: db.extra,
      expectedTotal: String(expected()),
      storedTotal: db.storedTotal,
      bucketsTotal: db.bucketsTotal,
      apiTotal: db.apiTotal,
      ...this.stats,
      boardLagMs: boardLags.length && lags.length === boardLags.length ? Math.max(...lags) : null,
      boardLagsMs: boardLags,
      boardSnapshots: this.boards.reduce((s, b) => s + b.snapshots, 0),
      boardUpdates: this.boards.reduce((s, b) => s + b.updates, 0),
      boardGaps: this.boards.reduce((s, b) => s + b.gaps, 0),
      ackLatencyMs: quantiles([...this.ackLatencies.socket, ...this.ackLatencies.http]),
      ackLatencyByTransportMs: { socket: quantiles(this.ackLatencies.socket), http: quantiles(this.ackLatencies.http) },
      restartMs: {
        mean: restartTimes.length ? Math.round(restartTimes.reduce((s, t) => s + t, 0) / restartTimes.length) : 0,
        max: restartTimes.length ? Math.max(...restartTimes) : 0,
      },
      boardRecoveryMs: {
        mean: recoveries.length ? Math.round(recoveries.reduce((s, t) => s + t, 0) / recoveries.length) : 0,
        max: recoveries.length ? Math.max(...recoveries) : 0,
        measured: recoveries.length,
      },
      loadMs: loadStoppedAt && loadStartedAt ? loadStoppedAt - loadStartedAt : 0,
      drainMs: loadStoppedAt && drainStartedAt ? loadStoppedAt - drainStartedAt : 0,
      durationMs: Date.now() - started,
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}, Node ${process.versions.node}`,
      loadAverage: [Math.round(loadAtStart * 100) / 100, Math.round(os.loadavg()[0]! * 100) / 100],
      ...(keep ? { dataDir } : {}),
    };
    if (!ok) this.log(`chaos: FAILED (seed ${this.seed}); data kept in ${dataDir}`);
    return report;
  }

  /** Read the ledger file directly (read-only) and compare it with what the tablets created. */
  private inspectStore(dataDir: string, eventId: string, want: bigint) {
    const file = path.join(dataDir, 'ledger.sqlite');
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      sqlite.defaultSafeIntegers(true);
      const rows = sqlite.prepare('SELECT id, amount, status, seq FROM deals WHERE event_id = ?').all(eventId) as { id: string; amount: bigint; status: string; seq: bigint }[];
      const ids = new Set(rows.map((r) => r.id));
      const doubled = rows.length - ids.size;
      let lost = 0;
      for (const id of this.created.keys()) if (!ids.has(id)) lost++;
      let extra = 0;
      let storedTotal = 0n;
      for (const r of rows) {
        const amount = this.created.get(r.id);
        if (amount === undefined) extra++;
        else if (BigInt(amount) !== r.amount) this.fail(`deal ${r.id} stored with amount ${r.amount}, created with ${amount}`);
        if (r.status !== 'recorded') this.fail(`deal ${r.id} has status ${r.status}`);
        storedTotal += r.amount;
      }
      const sqlSum = (sqlite.prepare("SELECT COALESCE(SUM(amount), 0) AS s FROM deals WHERE event_id = ? AND status = 'recorded'").get(eventId) as { s: bigint }).s;
      const buckets = sqlite.prepare('SELECT COALESCE(SUM(total), 0) AS t, COALESCE(SUM(count), 0) AS c FROM totals_buckets WHERE event_id = ?').get(eventId) as { t: bigint; c: bigint };
      const event = sqlite.prepare('SELECT seq FROM events WHERE id = ?').get(eventId) as { seq: bigint } | undefined;
      const seqs = new Set(rows.map((r) => Number(r.seq)));

      if (lost) this.fail(`${lost} created deals are not in the store`);
      if (doubled) this.fail(`${doubled} ids stored more than once`);
      if (extra) this.fail(`${extra} stored deals were never created by a tablet`);
      if (storedTotal !== want || sqlSum !== want) this.fail(`stored total ${storedTotal} (SQL SUM ${sqlSum}) ≠ expected ${want}`);
      if (buckets.t !== want || Number(buckets.c) !== rows.length) this.fail(`running totals (totals_buckets) say ${buckets.t} / ${buckets.c} deals, the deals table ${want} / ${rows.length}`);
      if (!event || Number(event.seq) !== rows.length) this.fail(`events.seq is ${event?.seq} for ${rows.length} stored deals`);
      if (seqs.size !== rows.length || (rows.length && (Math.min(...seqs) !== 1 || Math.max(...seqs) !== rows.length))) {
        this.fail(`deal seq values are not exactly 1..${rows.length}`);
      }
      return { stored: rows.length, lost, doubled, extra, storedTotal: String(storedTotal), bucketsTotal: String(buckets.t) };
    } finally {
      sqlite.close();
    }
  }
}

/** The report as aligned "figure  value" lines. */
export function formatReport(r: ChaosReport): string {
  const rows: [string, string][] = [
    ['result', r.ok ? 'PASS' : `FAIL (${r.failures.length} problems)`],
    ['seed', String(r.seed)],
    ['restarts (kill -9) survived', String(r.restarts)],
    ['unexpected server exits', String(r.crashes)],
    ['tablets (of them HTTP) / boards', `${r.tablets} (${r.httpTablets}) / ${r.boards}`],
    ['deals created', String(r.dealsCreated)],
    ['deals stored', String(r.stored)],
    ['lost', String(r.lost)],
    ['doubled', String(r.doubled)],
    ['stored, never created', String(r.extra)],
    ['expected total (BigInt sum)', r.expectedTotal],
    ['stored total (SQLite)', r.storedTotal],
    ['running totals (totals_buckets)', r.bucketsTotal],
    ['GET /totals after restart', r.apiTotal],
    ['sends / resends', `${r.sends} / ${r.resends}`],
    ['acks duplicate:true', String(r.duplicateAcks)],
    ['acks lost (timeout/disconnect)', String(r.lostAcks)],
    ['retryable refusals', String(r.retryableRefusals)],
    ['tablet drops / board drops', `${r.drops} / ${r.boardDrops}`],
    ['board lag after load stop', r.boardLagMs === null ? 'never reached' : `${r.boardLagMs} ms (each: ${r.boardLagsMs.join(', ')})`],
    ['board snapshots / updates / gaps', `${r.boardSnapshots} / ${r.boardUpdates} / ${r.boardGaps}`],
    ['create → ack p50 / p99 / max', `${r.ackLatencyMs.p50} / ${r.ackLatencyMs.p99} / ${r.ackLatencyMs.max} ms`],
    ['  socket tablets', `${r.ackLatencyByTransportMs.socket.p50} / ${r.ackLatencyByTransportMs.socket.p99} / ${r.ackLatencyByTransportMs.socket.max} ms`],
    ['  HTTP tablets', `${r.ackLatencyByTransportMs.http.p50} / ${r.ackLatencyByTransportMs.http.p99} / ${r.ackLatencyByTransportMs.http.max} ms`],
    ['kill → healthy mean / max', `${r.restartMs.mean} / ${r.restartMs.max} ms`],
    ['healthy → all boards resynced mean / max', `${r.boardRecoveryMs.mean} / ${r.boardRecoveryMs.max} ms (${r.boardRecoveryMs.measured} restarts)`],
    ['load / drain / whole run', `${(r.loadMs / 1000).toFixed(1)} s / ${r.drainMs} ms / ${(r.durationMs / 1000).toFixed(1)} s`],
    ['date', r.date],
    ['machine', r.machine],
    ['load average (1 min) start / end', `${r.loadAverage[0]} / ${r.loadAverage[1]}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  if (r.failures.length) lines.push('failures:', ...r.failures.map((f) => `  - ${f}`));
  if (r.dataDir) lines.push(`data kept in ${r.dataDir}`);
  return lines.join('\n');
}

/** One line for CI output. */
export function reportLine(r: ChaosReport): string {
  return (
    `chaos ${r.ok ? 'PASS' : 'FAIL'} seed=${r.seed} restarts=${r.restarts} tablets=${r.tablets} deals=${r.dealsCreated} stored=${r.stored} ` +
    `lost=${r.lost} doubled=${r.doubled} total=${r.storedTotal} resends=${r.resends} drops=${r.drops} boardLagMs=${r.boardLagMs} ` +
    `duration=${(r.durationMs / 1000).toFixed(1)}s`
  );
}
