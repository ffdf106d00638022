// Rehearsal: feed believable deals into an event through the public API, so organisers can
// watch the board before the day.  npm run simulate -- --event demo --rate 2
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { loadEnvFile } from '../server/src/env-file.js';

// The server's .env gives the admin token and the port, so a rehearsal needs no flags.
loadEnvFile();

/** The server of this folder's .env: its PUBLIC_URL (the name its certificate carries), else loopback. */
function defaultUrl(): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, '');
  return `${process.env.HTTPS_CERT ? 'https' : 'http'}://127.0.0.1:${process.env.PORT || 3000}`;
}

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.SIMULATE_URL ?? defaultUrl() },
    event: { type: 'string', default: 'demo' },
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '0' },
    booths: { type: 'string', default: '4' },
    'admin-token': { type: 'string', default: process.env.ADMIN_TOKEN ?? '' },
  },
});

const SELLERS = [
  'UMKM Kayu Ulin Barito', 'Madu Kelulut Loksado', 'Sasirangan Bu Ida', 'Keripik Tempe Malang Jaya', 'Kopi Arjuna Lestari',
  'Abon Sapi Madura Sejahtera', 'Rotan Amuntai Kreasi', 'Bawang Merah Nganjuk Tani', 'Kerupuk Haruan Banua', 'Batik Tulis Tanjung Bumi',
  'Jeruk Siam Banjar', 'Gula Aren Meratus', 'Ikan Asin Kotabaru', 'Sambal Pecel Blitar Mantap', 'Beras Organik Ngawi',
  'Kambing Etawa Kaligesing', 'Arang Kayu Ulin Tanah Laut', 'Dodol Kandangan', 'Tahu Kediri Makmur', 'Kain Purun Kalsel',
];
const BUYERS = ['PT Borneo Niaga', 'CV Sumber Rejeki Surabaya', 'Koperasi Banua Sejahtera', 'PT Jatim Grha Utama', 'Hotel Swiss-Belhotel', 'Pasar Induk Puri', 'PT Arutmin Catering', 'CV Lintas Kalimantan'];

type PublicEvent = { id: string; name: string; categories: { id: string; name: string }[]; delegations: { id: string; name: string }[] };

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(args.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

/** Log-uniform between Rp5 juta and Rp150 juta, rounded to Rp500 ribu: many small deals, a few big ones. */
function amount(): number {
  const raw = Math.exp(Math.log(5e6) + Math.random() * (Math.log(1.5e8) - Math.log(5e6)));
  return Math.max(500_000, Math.round(raw / 500_000) * 500_000);
}

async function main() {
  const rate = Number(args.rate);
  if (!(rate > 0 && rate <= 200)) throw new Error('--rate must be between 0 and 200 deals per second');
  if (!args['admin-token']) throw new Error('Give the admin token: --admin-token <token> or ADMIN_TOKEN=<token>');
  const event = await call<PublicEvent>('GET', `/api/v1/events/${args.event}`);
  if (event.status !== 200) throw new Error(`Event ${args.event} not found at ${args.url}`);
  const delegations = event.body.delegations.length ? event.body.delegations : [{ id: 'umum', name: 'Umum' }];
  const booths: { token: string; delegationId: string }[] = [];
  for (let i = 0; i < Number(args.booths); i++) {
    const d = delegations[i % delegations.length]!;
    const r = await call<{ token: string; delegationId: string; error?: { message: string } }>(
      'POST', `/api/v1/events/${args.event}/booths`, { name: `Simulasi ${i + 1} (${d.name})`, delegation: d.id }, args['admin-token'],
    );
    if (r.status !== 201) throw new Error(`Could not create a simulated booth: ${r.body.error?.message ?? r.status}`);
    booths.push(r.body);
  }
  console.log(`Simulating ${rate} deals/s into "${event.body.name}" from ${booths.length} booths. Ctrl-C to stop.`);
  const stopAt = Number(args.duration) > 0 ? Date.now() + Number(args.duration) * 1000 : Infinity;
  let sent = 0;
  let failed = 0;
  while (Date.now() < stopAt) {
    const booth = pick(booths);
    const others = delegations.filter((d) => d.id !== booth.delegationId);
    const deal = {
      id: randomUUID(),
      amount: amount(),
      category: pick(event.body.categories).id,
      seller: pick(SELLERS),
      buyer: pick(BUYERS),
      kind: Math.random() < 0.9 ? 'trade' : 'investment',
      ...(others.length ? { buyerDelegation: pick(others).id } : {}),
    };
    const r = await call(`POST`, `/api/v1/events/${args.event}/deals`, deal, booth.token).catch(() => ({ status: 0 }));
    if (r.status === 201) sent++;
    else failed++;
    if ((sent + failed) % 20 === 0) console.log(`  ${sent} deals recorded, ${failed} refused or failed`);
    await new Promise((r) => setTimeout(r, (1000 / rate) * (0.5 + Math.random())));
  }
  console.log(`Done: ${sent} deals recorded, ${failed} refused or failed.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
