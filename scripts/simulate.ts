// Rehearsal: feed believable deals into an event in rehearsal through the public API, so organisers
// can watch the board before the day, then remove the booths it made with their deals.
// npm run simulate -- --rate 2   (see --help)
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { apiClient, defaultUrl, refusal } from './lib/client.js';

const HELP = `Feed believable UMKM deals into an event in rehearsal, to watch the board before the day.

  npm run simulate -- [--event ID] [--rate 2] [--duration 0] [--booths 4] [--url URL] [--admin-token TOKEN] [--live]

  --event         an event in rehearsal (default: a new rehearsal event is created)
  --rate          deals per second, up to 200 (default 2)
  --duration      seconds to run, 0 = until Ctrl-C (default 0)
  --booths        simulated booths to add (default 4)
  --url           the server (default: PUBLIC_URL or http://127.0.0.1:PORT from .env)
  --admin-token   the admin token (default: ADMIN_TOKEN from the environment or .env)
  --live          allow a live event (its figures will count these deals: not for a real event)
  --help          this text

When the run ends (its --duration, Ctrl-C or a stop signal) the simulated booths are removed
with their rehearsal deals: the event's total, breakdowns, board and climb are again what the
other booths made. A booth that cannot be removed is revoked instead, and the run says so.
With --live the booths' deals count and stay, so the booths are only revoked.
Other rehearsal deals are wiped in one action in the console (Event → Wipe rehearsal deals).`;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.SIMULATE_URL ?? defaultUrl() },
    event: { type: 'string' },
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '0' },
    booths: { type: 'string', default: '4' },
    'admin-token': { type: 'string', default: process.env.ADMIN_TOKEN ?? '' },
    live: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const SELLERS = [
  'UMKM Kayu Ulin Barito', 'Madu Kelulut Loksado', 'Sasirangan Bu Ida', 'Keripik Tempe Malang Jaya', 'Kopi Arjuna Lestari',
  'Abon Sapi Madura Sejahtera', 'Rotan Amuntai Kreasi', 'Bawang Merah Nganjuk Tani', 'Kerupuk Haruan Banua', 'Batik Tulis Tanjung Bumi',
  'Jeruk Siam Banjar', 'Gula Aren Meratus', 'Ikan Asin Kotabaru', 'Sambal Pecel Blitar Mantap', 'Beras Organik Ngawi',
  'Kambing Etawa Kaligesing', 'Arang Kayu Ulin Tanah Laut', 'Dodol Kandangan', 'Tahu Kediri Makmur', 'Kain Purun Kalsel',
];
const BUYERS = ['PT Borneo Niaga', 'CV Sumber Rejeki Surabaya', 'Koperasi Banua Sejahtera', 'PT Jatim Grha Utama', 'Hotel Swiss-Belhotel', 'Pasar Induk Puri', 'PT Arutmin Catering', 'CV Lintas Kalimantan'];

type PublicEvent = { id: string; name: string; status: string; categories: { id: string; name: string }[]; delegations: { id: string; name: string }[] };

const call = apiClient(args.url);

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

/** Log-uniform between Rp5 juta and Rp150 juta, rounded to Rp500 ribu: many small deals, a few big ones. */
function amount(): number {
  const raw = Math.exp(Math.log(5e6) + Math.random() * (Math.log(1.5e8) - Math.log(5e6)));
  return Math.max(500_000, Math.round(raw / 500_000) * 500_000);
}

/** The event to feed: the one named (in rehearsal, or live with --live), else a new rehearsal event. */
async function targetEvent(token: string): Promise<PublicEvent> {
  if (!args.event) {
    const now = Date.now();
    const body = { name: 'Gladi simulasi', target: 1_300_000_000, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), timezone: 'Asia/Jakarta', delegations: ['Jatim', 'Kalsel'], status: 'rehearsal' };
    const created = await call<PublicEvent>('POST', '/api/v1/events', body, token);
    if (created.status !== 201) throw new Error(`Could not create a rehearsal event: ${refusal(created)}`);
    return created.body;
  }
  const event = await call<PublicEvent>('GET', `/api/v1/events/${encodeURIComponent(args.event)}`);
  if (event.status !== 200) throw new Error(`Event ${args.event} not found at ${args.url}`);
  const { status } = event.body;
  if (status === 'rehearsal' || (args.live && status === 'live')) return event.body;
  if (status === 'live' || status === 'paused') throw new Error(`Event ${args.event} is ${status}: its figures are real. Put it in rehearsal, leave --event out (a rehearsal event is made), or pass --live.`);
  throw new Error(`Event ${args.event} is ${status}, not in rehearsal: start its rehearsal in the console first, or leave --event out.`);
}

const delegationsOf = (event: PublicEvent) => (event.delegations.length ? event.delegations : [{ id: 'umum', name: 'Umum' }]);

type SimBooth = { id: string; name: string; token: string; delegationId: string };

/** Whether a stop was asked for (Ctrl-C or a stop signal), and how to cut the current wait short. */
const stop = { asked: false, wake: () => {} };
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!stop.asked) {
      stop.asked = true;
      return stop.wake();
    }
    console.log('Stopped at once: the simulated booths may still be there (remove them in the console, Booths tab).');
    process.exit(130);
  });
}
function pause(ms: number) {
  return new Promise<void>((resolve) => {
    stop.wake = resolve;
    setTimeout(resolve, ms);
  });
}

/**
 * The booths made here go again when the run ends, however it ends: removed with their
 * rehearsal deals, or revoked where they cannot be (their deals count in a live event).
 */
async function cleanUp(event: PublicEvent, booths: SimBooth[], token: string) {
  if (!booths.length) return;
  const revoke = (b: SimBooth) => call('POST', `/api/v1/events/${event.id}/booths/${b.id}/revoke`, {}, token).catch(() => ({ status: 0 }));
  if (event.status !== 'rehearsal') {
    for (const b of booths) await revoke(b);
    return console.log(`Revoked the ${booths.length} simulated booths: the event is ${event.status}, so their deals count and stay, and the booths with them.`);
  }
  let removed = 0;
  let deals = 0;
  for (const b of booths) {
    type Removal = { removedDeals?: number; error?: { message: string } };
    const r = await call<Removal>('DELETE', `/api/v1/events/${event.id}/booths/${b.id}`, undefined, token).catch((e: unknown) => ({
      status: 0,
      body: { error: { message: e instanceof Error ? e.message : String(e) } } as Removal,
    }));
    if (r.status === 200) {
      removed++;
      deals += Number(r.body.removedDeals ?? 0);
      continue;
    }
    const revoked = (await revoke(b)).status === 200;
    console.log(`Could not remove the simulated booth "${b.name}" (${refusal(r)}): ${revoked ? 'revoked it instead' : 'could not revoke it either'}.`);
  }
  if (removed) console.log(`Removed ${removed === 1 ? '1 simulated booth and its' : `${removed} simulated booths and their`} ${deals} rehearsal deals.`);
}

/** Send deals from the booths until the run's end or a stop; returns how many were recorded and how many not. */
async function feed(event: PublicEvent, booths: SimBooth[], rate: number) {
  const delegations = delegationsOf(event);
  const stopAt = Number(args.duration) > 0 ? Date.now() + Number(args.duration) * 1000 : Infinity;
  let sent = 0;
  let failed = 0;
  while (Date.now() < stopAt && !stop.asked) {
    const booth = pick(booths);
    const others = delegations.filter((d) => d.id !== booth.delegationId);
    const deal = {
      id: randomUUID(),
      amount: amount(),
      category: pick(event.categories).id,
      seller: pick(SELLERS),
      buyer: pick(BUYERS),
      kind: Math.random() < 0.9 ? 'trade' : 'investment',
      ...(others.length ? { buyerDelegation: pick(others).id } : {}),
    };
    const r = await call(`POST`, `/api/v1/events/${event.id}/deals`, deal, booth.token).catch(() => ({ status: 0 }));
    if (r.status === 201) sent++;
    else failed++;
    if ((sent + failed) % 20 === 0) console.log(`  ${sent} deals recorded, ${failed} refused or failed`);
    await pause((1000 / rate) * (0.5 + Math.random()));
  }
  return { sent, failed };
}

async function main() {
  if (args.help) return console.log(HELP);
  const rate = Number(args.rate);
  if (!(rate > 0 && rate <= 200)) throw new Error('--rate must be between 0 and 200 deals per second');
  const token = args['admin-token'];
  if (!token) throw new Error('Give the admin token: --admin-token <token> or ADMIN_TOKEN=<token>');
  const event = await targetEvent(token);
  const delegations = delegationsOf(event);
  const booths: SimBooth[] = [];
  try {
    for (let i = 0; i < Number(args.booths) && !stop.asked; i++) {
      const d = delegations[i % delegations.length]!;
      const r = await call<SimBooth>('POST', `/api/v1/events/${event.id}/booths`, { name: `Simulasi ${i + 1} (${d.name})`, delegation: d.id }, token);
      if (r.status !== 201) throw new Error(`Could not create a simulated booth: ${refusal(r)}`);
      booths.push(r.body);
    }
    if (stop.asked) return;
    console.log(`Simulating ${rate} deals/s into "${event.name}" (${event.status}) from ${booths.length} booths: board ${args.url}/board/${event.id}. Ctrl-C to stop.`);
    const { sent, failed } = await feed(event, booths, rate);
    console.log(`Done: ${sent} deals recorded, ${failed} refused or failed.`);
  } finally {
    await cleanUp(event, booths, token);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
