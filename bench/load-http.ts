/**
 * Load generator: a burst of deals over HTTP (`POST /api/v1/events/:id/deals`),
 * from its own process, over `concurrency` keep-alive connections. Each answer
 * comes after the durable commit on our server; throughput = ok / elapsed.
 */
import http from 'node:http';
import { serve } from './lib/rpc.js';
import { makeDeal, type BenchEvent } from './lib/deals.js';
import { Samples } from './lib/stats.js';

function post(agent: http.Agent, url: URL, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function burst(p: { url: string; event: BenchEvent; count: number; concurrency: number; offset?: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: p.concurrency });
  const url = new URL(`${p.url}/api/v1/events/${p.event.eventId}/deals`);
  const latency = new Samples();
  const statuses: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const base = p.offset ?? 1_000_000;
  // Open the keep-alive connections first, so the clock measures deals, not TCP handshakes.
  const health = new URL(`${p.url}/api/v1/health`);
  await Promise.all(
    Array.from({ length: p.concurrency }, () => new Promise<void>((resolve) => {
      const req = http.get(health, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', () => resolve());
    })),
  );
  const start = performance.now();
  await Promise.all(
    Array.from({ length: p.concurrency }, async () => {
      while (next < p.count) {
        const i = next++;
        const body = JSON.stringify(makeDeal(p.event, base + i));
        const t0 = performance.now();
        let status: number;
        try {
          status = await post(agent, url, p.event.tokens[i % p.event.tokens.length]!, body);
        } catch {
          status = -1;
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 201) {
          ok++;
          latency.push(performance.now() - t0);
        }
      }
    }),
  );
  const ms = performance.now() - start;
  agent.destroy();
  return { count: p.count, ok, statuses, ms, perSecond: (ok / ms) * 1000, latencyMs: latency.values() };
}

serve({ burst });
