import os from 'node:os';

// The chaos run's figures, and how they are printed.

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
  /** Deals the outbox holds as sent with `duplicate: true` (stored before; the ack of an earlier send was lost). */
  duplicateAcks: number;
  /** Deal requests the outboxes made over HTTP (the fallback when the socket is down or blocked). */
  httpRequests: number;
  /** Tablet connections dropped by the harness. */
  drops: number;
  boardDrops: number;
  /** Worst time from the load stopping (last ok ack) until a board showed the final total; null when one never did. */
  boardLagMs: number | null;
  boardLagsMs: (number | null)[];
  boardSnapshots: number;
  boardUpdates: number;
  /** Snapshots the board stores asked for (`board:resync`: a gap in `seq`, an unknown booth, a quiet spell). */
  boardResyncs: number;
  /** From the moment a deal was created on the tablet to its first ok ack (includes server down time). */
  ackLatencyMs: Spread;
  ackLatencyByTransportMs: { socket: Spread; http: Spread };
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

type Spread = { p50: number; p99: number; max: number };

/** p50, p99 and max of a list of milliseconds. */
export function quantiles(xs: number[]): Spread {
  const lat = [...xs].sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
  return { p50: q(0.5), p99: q(0.99), max: lat[lat.length - 1] ?? 0 };
}

/** What the boards saw; `lags`: each board's time to the final total after the load stopped (null: never). */
export function boardFigures(boards: { snapshots: number; updates: number; resyncs: number }[], lags: (number | null)[]) {
  const reached = lags.filter((l): l is number => l !== null);
  return {
    boardLagMs: lags.length && reached.length === lags.length ? Math.max(...reached) : null,
    boardLagsMs: lags,
    boardSnapshots: boards.reduce((s, b) => s + b.snapshots, 0),
    boardUpdates: boards.reduce((s, b) => s + b.updates, 0),
    boardResyncs: boards.reduce((s, b) => s + b.resyncs, 0),
  };
}

export function latencyFigures(ms: { socket: number[]; http: number[] }) {
  return { ackLatencyMs: quantiles([...ms.socket, ...ms.http]), ackLatencyByTransportMs: { socket: quantiles(ms.socket), http: quantiles(ms.http) } };
}

/** When and where the run ran (the machine may be shared: its load average at the start and the end). */
export function machineFigures(loadAtStart: number) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}, Node ${process.versions.node}`,
    loadAverage: [Math.round(loadAtStart * 100) / 100, Math.round(os.loadavg()[0]! * 100) / 100] as [number, number],
  };
}

/** Mean and max, 0 for none. */
export function meanMax(xs: number[]): { mean: number; max: number } {
  return { mean: xs.length ? Math.round(xs.reduce((s, t) => s + t, 0) / xs.length) : 0, max: xs.length ? Math.max(...xs) : 0 };
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
    ['HTTP deal requests (fallback)', String(r.httpRequests)],
    ['acks duplicate:true', String(r.duplicateAcks)],
    ['tablet drops / board drops', `${r.drops} / ${r.boardDrops}`],
    ['board lag after load stop', r.boardLagMs === null ? 'never reached' : `${r.boardLagMs} ms (each: ${r.boardLagsMs.join(', ')})`],
    ['board snapshots / updates / resyncs asked', `${r.boardSnapshots} / ${r.boardUpdates} / ${r.boardResyncs}`],
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
    `lost=${r.lost} doubled=${r.doubled} total=${r.storedTotal} duplicateAcks=${r.duplicateAcks} drops=${r.drops} boardLagMs=${r.boardLagMs} ` +
    `duration=${(r.durationMs / 1000).toFixed(1)}s`
  );
}
