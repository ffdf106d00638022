import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardUpdate } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, uuid, type BoardSocket } from '../support/server.js';
import { ROOT, spawnServer, type ServerProcess } from '../support/process.js';

/**
 * Issue 12 §1, replayed against the real server process: public board clients
 * send thousands of `board:resync` and never read the answers, while honest
 * boards follow the event and organisers probe /health. Figures: docs/RELIABILITY.md.
 */
const FLOODERS = 3;
const REQUESTS = 3000;

let srv: ServerProcess;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
const sockets: BoardSocket[] = [];
let flooder: ChildProcess | undefined;

beforeAll(async () => {
  srv = await spawnServer();
  ctx = await setupEvent(srv.url);
  // The largest logo the console takes: before the fix every snapshot carried it.
  const logo = `data:image/png;base64,${'A'.repeat(199_900)}`;
  expect((await api(srv.url, 'PATCH', `/api/v1/events/${ctx.event.id}`, { settings: { branding: { logo } } }, ADMIN_TOKEN)).status).toBe(200);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  flooder?.kill('SIGKILL');
  await srv?.stop('SIGKILL');
});

function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

async function healthMs(): Promise<number> {
  const t = performance.now();
  const r = await fetch(`${srv.url}/api/v1/health`);
  await r.text();
  return performance.now() - t;
}

describe('a board:resync flood from clients that never read', () => {
  it('keeps memory bounded, /health fast and other boards updating', async () => {
    const honest = [boardSocket(srv.url, ctx.event.id), boardSocket(srv.url, ctx.event.id)];
    sockets.push(...honest);
    await Promise.all(honest.map((b) => nextEvent(b, 'board:snapshot')));
    const rssBefore = rssMb(srv.child.pid!);
    for (let i = 0; i < 5; i++) await healthMs(); // warm: the first request compiles its route

    flooder = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/flood-boards.ts'), srv.url, ctx.event.id, String(FLOODERS), String(REQUESTS)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    flooder.stdout!.on('data', (d) => (said += d));
    const saying = async (text: string, ms: number) => {
      for (const until = Date.now() + ms; !said.includes(text); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > until) throw new Error(`flooder did not say "${text}": ${said}`);
    };
    await saying('flooding', 15_000);

    let peakRss = rssBefore;
    const health: number[] = [];
    let lastSeq = 0;
    const deadline = Date.now() + 6000;
    while (Date.now() < deadline) {
      health.push(await healthMs());
      peakRss = Math.max(peakRss, rssMb(srv.child.pid!));
      const r = await api<{ seq: number }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 1_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'B' }, ctx.boothA.token);
      expect(r.status).toBe(201);
      await new Promise((r) => setTimeout(r, 100));
    }
    await saying('sent', 10_000);
    const seen = honest.map((b) => {
      let seq = 0;
      b.on('board:update', (u: BoardUpdate) => (seq = Math.max(seq, u.seq)));
      return () => seq;
    });
    const last = await api<{ seq: number }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 1, category: ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'B' }, ctx.boothA.token);
    expect(last.status).toBe(201);
    lastSeq = (await api<{ seq: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body.seq;
    // Every honest board reaches the latest figures while the flooders are still connected or just cut off.
    for (const until = Date.now() + 3000; Date.now() < until && !seen.every((s) => s() >= lastSeq); ) await new Promise((r) => setTimeout(r, 20));
    expect(seen.map((s) => s() >= lastSeq)).toEqual([true, true]);
    peakRss = Math.max(peakRss, rssMb(srv.child.pid!));
    const worst = Math.max(...health);
    const p90 = [...health].sort((a, b) => a - b)[Math.floor(health.length * 0.9)]!;
    console.log(health.map((h) => h.toFixed(0)).join(' '));
    console.log(`resync flood: ${FLOODERS}×${REQUESTS} requests; RSS ${rssBefore.toFixed(0)} → peak ${peakRss.toFixed(0)} MB; /health p90 ${p90.toFixed(1)}, worst ${worst.toFixed(1)} ms over ${health.length} probes`);
    expect(peakRss).toBeLessThan(300);
    // The 90th percentile: on a machine shared with other work one probe in thirty can meet a stall
    // of the machine's, not the server's (the worst is printed above).
    expect(p90).toBeLessThan(100);
    // Flooders that never read are cut off (unsent-bytes cap, or the ping timeout at the latest).
    await saying(`closed ${FLOODERS}/${FLOODERS}`, 25_000);
  }, 60_000);
});
