/** Scenario `idle`: `cfg.idleBoards` board sockets and no deals; memory per socket and the idle cost. */
import { cfg, log, sleep } from '../lib/options.js';
import { probe, probeReset, type Probe, type Target } from '../lib/servers.js';
import { connectBoards } from '../lib/board-workers.js';
import { fmt, type Row } from '../lib/table.js';

export type IdleResult = { boards: number; connectMs: number; failed: number; rssMB: number; heapMB: number; rssPerSocketKB: number; heapPerSocketKB: number; eld: Probe['eld']; cpuShare: number };

async function idle(t: Target): Promise<IdleResult> {
  const conn = await connectBoards(t, cfg.idleBoards, { bulkOnly: true });
  await sleep(2000);
  await probeReset(t);
  await sleep(cfg.idleMs);
  const p = await probe(t);
  const mem = await probe(t, true);
  const base = t.memBefore!;
  return {
    boards: t.boardCount,
    connectMs: conn.ms,
    failed: conn.failed,
    rssMB: mem.rss / 2 ** 20,
    heapMB: mem.heapUsed / 2 ** 20,
    rssPerSocketKB: (mem.rss - base.rss) / t.boardCount / 1024,
    heapPerSocketKB: (mem.heapUsed - base.heapUsed) / t.boardCount / 1024,
    eld: p.eld,
    cpuShare: p.cpu.share,
  };
}

/** Both servers in turn. */
export async function idleScenario(targets: Target[]): Promise<Partial<Record<'ours' | 'baseline', IdleResult>>> {
  const idleResults: Partial<Record<'ours' | 'baseline', IdleResult>> = {};
  for (const t of targets) {
    log(`idle: ${cfg.idleBoards} board sockets → ${t.key}`);
    idleResults[t.key] = await idle(t);
    log(`  rss ${fmt(idleResults[t.key]!.rssMB)} MB, ${fmt(idleResults[t.key]!.rssPerSocketKB)} KB/socket`);
  }
  return idleResults;
}

export function idleRows(idleR: Partial<Record<'ours' | 'baseline', IdleResult>>): Row[] {
  const rows: Row[] = [];
  if (idleR.ours && idleR.baseline) {
    const s = `${cfg.idleBoards.toLocaleString('en-US')} idle boards`;
    rows.push({ scenario: s, metric: 'RSS', ours: idleR.ours.rssMB, baseline: idleR.baseline.rssMB, unit: 'MB' });
    rows.push({ scenario: s, metric: 'RSS per socket', ours: idleR.ours.rssPerSocketKB, baseline: idleR.baseline.rssPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'heap per socket', ours: idleR.ours.heapPerSocketKB, baseline: idleR.baseline.heapPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: idleR.ours.eld.p99, baseline: idleR.baseline.eld.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'server CPU', ours: idleR.ours.cpuShare * 100, baseline: idleR.baseline.cpuShare * 100, unit: '% of a core' });
  }
  return rows;
}
