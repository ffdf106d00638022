/**
 * Scenario `burst`: `cfg.burst` deals as fast as the tablets' windows allow, over the
 * operator socket, then over HTTP (split over the HTTP load processes); durable acks per second.
 */
import type { Child } from '../lib/rpc.js';
import { concat, summarize, type Summary } from '../lib/stats.js';
import { cfg } from '../lib/options.js';
import { probe, probeReset, totalsOf, type Probe, type Target } from '../lib/servers.js';
import type { Row } from '../lib/table.js';

export type BurstResult = { count: number; ok: number; perSecond: number; ms: number; ack: Summary; errors: Record<string, number>; eld: Probe['eld']; cpuShare: number; counted?: number };

export async function burstSocket(t: Target): Promise<BurstResult> {
  const before = t.key === 'ours' ? await totalsOf(t) : undefined;
  await probeReset(t);
  const r = await t.tablets.call<{ count: number; ok: number; errors: Record<string, number>; ms: number; perSecond: number; ackMs: Float64Array }>(
    'burst',
    { count: cfg.burst, window: cfg.burstWindowPerTablet * cfg.tablets },
    180_000,
  );
  const p = await probe(t);
  const after = before ? await totalsOf(t) : undefined;
  return { count: r.count, ok: r.ok, perSecond: r.perSecond, ms: r.ms, ack: summarize(r.ackMs), errors: r.errors, eld: p.eld, cpuShare: p.cpu.share, counted: after && before ? after.count - before.count : undefined };
}

/** The HTTP burst, split over the HTTP load generator processes (one Node client process tops out near 1,000–2,000 requests/s here). */
export async function burstHttp(t: Target, http: Child[], offset: number): Promise<BurstResult> {
  const before = t.key === 'ours' ? await totalsOf(t) : undefined;
  await probeReset(t);
  const per = Math.ceil(cfg.burst / http.length);
  const parts = await Promise.all(
    http.map((w, i) =>
      w.call<{ count: number; ok: number; statuses: Record<string, number>; ms: number; perSecond: number; latencyMs: Float64Array }>(
        'burst',
        { url: t.url, event: t.event, count: Math.min(per, cfg.burst - per * i), concurrency: Math.ceil(cfg.httpConcurrency / http.length), offset: offset + per * i },
        180_000,
      ),
    ),
  );
  const p = await probe(t);
  const after = before ? await totalsOf(t) : undefined;
  const ok = parts.reduce((s, r) => s + r.ok, 0);
  const ms = Math.max(...parts.map((r) => r.ms));
  const errors: Record<string, number> = {};
  for (const r of parts) for (const [k, v] of Object.entries(r.statuses)) if (k !== '201') errors[k] = (errors[k] ?? 0) + v;
  return { count: cfg.burst, ok, perSecond: (ok / ms) * 1000, ms, ack: summarize(concat(parts.map((r) => r.latencyMs))), errors, eld: p.eld, cpuShare: p.cpu.share, counted: after && before ? after.count - before.count : undefined };
}

/** The table rows of both bursts. */
export function burstRows(b: Record<string, { ours: BurstResult; baseline: BurstResult }>): Row[] {
  const rows: Row[] = [];
  if (b.socket) {
    const s = `burst ${cfg.burst.toLocaleString('en-US')} deals, socket`;
    rows.push({ scenario: s, metric: 'throughput, durable acks', ours: b.socket.ours.perSecond, baseline: b.socket.baseline.perSecond, unit: 'deals/s', budget: '≥ 3,000', pass: b.socket.ours.perSecond >= 3000 && b.socket.ours.ok === cfg.burst });
    rows.push({ scenario: s, metric: 'ack p99', ours: b.socket.ours.ack.p99, baseline: b.socket.baseline.ack.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: b.socket.ours.eld.p99, baseline: b.socket.baseline.eld.p99, unit: 'ms' });
  }
  if (b.http) {
    const s = `burst ${cfg.burst.toLocaleString('en-US')} deals, HTTP`;
    rows.push({ scenario: s, metric: 'throughput, durable acks', ours: b.http.ours.perSecond, baseline: b.http.baseline.perSecond, unit: 'deals/s', budget: '≥ 2,000', pass: b.http.ours.perSecond >= 2000 && b.http.ours.ok === cfg.burst });
    rows.push({ scenario: s, metric: 'response p99', ours: b.http.ours.ack.p99, baseline: b.http.baseline.ack.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: b.http.ours.eld.p99, baseline: b.http.baseline.eld.p99, unit: 'ms' });
  }
  return rows;
}
