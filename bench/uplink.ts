/**
 * `npm run bench -- --uplink` — a national day on one machine: three venue servers (SQLite, each
 * its own process and data folder) forwarding to one central through a cuttable TCP hop.
 *
 * 1. Latency: deals at `--rate` per second over the three venues (HTTP, as tablets fall back
 *    to); for each deal, submit → its venue's own board (`board:update` whose count covers it)
 *    and submit → the national board (`programme:update` whose venue row covers it), both in the
 *    same run, so the uplink's cost reads as the difference.
 * 2. Catch-up: the uplinks cut for `--outage-s` seconds while the deals go on (600 s at 200/s is
 *    ~120,000 changes), then restored: changes applied per second at the central until every
 *    venue is acknowledged up to its head.
 * Flags: --rate=200 --measure-s=15 --outage-s=600
 */
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { ADMIN_TOKEN, api } from '../tests/support/server.js';
import { spawnServer, type ServerProcess } from '../tests/support/process.js';
import { CutProxy, Venue, centralEventFor } from '../tests/support/uplink-venues.js';
import { summarize } from './lib/stats.js';

const { values: o } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: { uplink: { type: 'boolean', default: true }, rate: { type: 'string', default: '200' }, 'measure-s': { type: 'string', default: '15' }, 'outage-s': { type: 'string', default: '600' } },
});
const rate = Number(o.rate);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Pending = { venue: number; count: number; at: number };

async function main() {
  const central: ServerProcess = await spawnServer({ env: { LOG_LEVEL: 'error' } });
  const proxy = new CutProxy(() => central.port);
  const uplinkUrl = await proxy.start();
  const venues = [new Venue(), new Venue(), new Venue()];
  const copies = await Promise.all(venues.map(() => centralEventFor(central.url)));
  const programme = (await api<{ id: string }>(central.url, 'POST', '/api/v1/programmes', { name: 'Bench', target: 1e15, events: copies.map((c) => c.id) }, ADMIN_TOKEN)).body;
  await Promise.all(venues.map((v, i) => v.start(uplinkUrl, copies[i]!.token)));
  const sockets: Socket[] = [];
  try {
    // What each board has shown of each venue (its deal count), and the deals waiting to be seen.
    const shown = { venue: [0, 0, 0], national: [0, 0, 0] };
    const waiting = { venue: [] as Pending[], national: [] as Pending[] };
    const latencies = { venue: [] as number[], national: [] as number[] };
    const seen = (where: 'venue' | 'national') => {
      const now = Date.now();
      waiting[where] = waiting[where].filter((p) => (p.count <= shown[where][p.venue]! ? (latencies[where].push(now - p.at), false) : true));
    };
    venues.forEach((v, i) => {
      const s = io(`${v.url}/board`, { auth: { eventId: v.ctx.event.id }, transports: ['websocket'] });
      const take = (u: { count: number }) => ((shown.venue[i] = u.count), seen('venue'));
      s.on('board:snapshot', take);
      s.on('board:update', take);
      sockets.push(s);
    });
    const nb = io(`${central.url}/programme`, { auth: { programmeId: programme.id }, transports: ['websocket'] });
    const takeNational = (u: { venues: { eventId: string; count: number }[] }) => {
      for (const row of u.venues) {
        const i = copies.findIndex((c) => c.id === row.eventId);
        if (i >= 0) shown.national[i] = row.count;
      }
      seen('national');
    };
    nb.on('programme:snapshot', takeNational);
    nb.on('programme:update', takeNational);
    sockets.push(nb);
    await sleep(1000);

    const posted = [0, 0, 0];
    let sending = true;
    let measuring = false;
    const send = async (i: number) => {
      const v = venues[i]!;
      const at = Date.now();
      const res = await api(v.url, 'POST', `/api/v1/events/${v.ctx.event.id}/deals`, { id: crypto.randomUUID(), amount: 1_000_000, category: v.ctx.event.categories[0]!.id, seller: 'UMKM Bench', buyer: 'CV Bench' }, v.ctx.boothA.token);
      if (res.status !== 201) return;
      const count = ++posted[i]!;
      if (measuring) for (const where of ['venue', 'national'] as const) waiting[where].push({ venue: i, count, at });
    };
    const load = (async () => {
      const gap = 1000 / rate;
      let next = Date.now();
      for (let n = 0; sending; n++) {
        void send(n % 3);
        next += gap;
        await sleep(Math.max(0, next - Date.now()));
      }
    })();

    await sleep(2000);
    measuring = true;
    await sleep(Number(o['measure-s']) * 1000);
    measuring = false;
    await sleep(3000);
    const venueLat = summarize(latencies.venue);
    const nationalLat = summarize(latencies.national);

    // The outage: the deals go on at the venues, the central hears nothing.
    proxy.setCut(true);
    await sleep(Number(o['outage-s']) * 1000);
    sending = false;
    await load;
    await sleep(500);
    const behind = async () => {
      let sum = 0;
      for (const c of copies) sum += (await api<{ behind: number; ackedSeq: number }>(central.url, 'GET', `/api/v1/events/${c.id}/uplink`, undefined, ADMIN_TOKEN)).body.ackedSeq;
      return sum;
    };
    const heads = (await Promise.all(venues.map((v) => api<{ seq: number }>(v.url, 'GET', `/api/v1/events/${v.ctx.event.id}/totals`)))).reduce((s, r) => s + r.body.seq, 0);
    const before = await behind();
    proxy.setCut(false);
    const started = Date.now();
    let acked = before;
    while (acked < heads) {
      await sleep(50);
      acked = await behind();
    }
    const seconds = (Date.now() - started) / 1000;
    const backlog = heads - before;
    console.log(`\nuplink bench: 3 venues → 1 central (SQLite), ${rate} deals/s, ${o['measure-s']} s measured, ${o['outage-s']} s outage\n`);
    console.log(`| figure | value |\n|---|---|`);
    console.log(`| submit → venue's own board p50 / p99 | ${venueLat.p50} / ${venueLat.p99} ms (${venueLat.n} deals) |`);
    console.log(`| submit → national board p50 / p99 | ${nationalLat.p50} / ${nationalLat.p99} ms (${nationalLat.n} deals) |`);
    console.log(`| national p99 ÷ venue p99 | ${(nationalLat.p99 / venueLat.p99).toFixed(2)} |`);
    console.log(`| catch-up: ${backlog} changes after the outage | ${seconds.toFixed(2)} s, ${Math.round(backlog / seconds)} changes/s applied |`);
  } finally {
    for (const s of sockets) s.disconnect();
    proxy.close();
    await Promise.all(venues.map((v) => v.proc?.stop('SIGKILL')));
    await central.stop('SIGKILL');
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
