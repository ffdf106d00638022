import net from 'node:net';
import { expect } from 'vitest';
import { ADMIN_TOKEN, api, setupEvent, uuid } from './server.js';
import { spawnServer, type ServerProcess } from './process.js';
import { freePort } from './free-port.js';
import { liveEventInput } from './event-input.js';
import { sleep } from './cluster-nodes.js';

/** A TCP hop between the venues and a central node that can be cut (every connection dropped, new ones refused) and restored. */
export class CutProxy {
  private readonly open = new Set<net.Socket>();
  private cut = false;
  private server!: net.Server;
  port = 0;

  constructor(private readonly target: () => number) {}

  async start(): Promise<string> {
    this.port = await freePort();
    this.server = net.createServer((client) => {
      if (this.cut) return client.destroy();
      const upstream = net.connect(this.target(), '127.0.0.1');
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on('close', () => this.open.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => this.server.listen(this.port, '127.0.0.1', r));
    return `http://127.0.0.1:${this.port}`;
  }

  setCut(cut: boolean) {
    this.cut = cut;
    if (cut) for (const s of this.open) s.destroy();
  }

  close() {
    this.setCut(true);
    this.server.close();
  }
}

/** A venue's laptop: its own server process on SQLite and its own event, forwarding to `uplinkUrl`. */
export class Venue {
  proc!: ServerProcess;
  ctx!: Awaited<ReturnType<typeof setupEvent>>;
  private env: Record<string, string> = {};

  get url() {
    return this.proc.url;
  }

  /** Start with its event made, then again with the uplink (the event's id is known only once made). */
  async start(uplinkUrl: string, token: string) {
    const first = await spawnServer();
    this.ctx = await setupEvent(first.url);
    await first.stop();
    await this.restart(token, uplinkUrl, first);
  }

  /** Start again on the same data folder and port (after a kill, or with a new token). */
  async restart(token: string, uplinkUrl = this.env.UPLINK_URL!, was: ServerProcess = this.proc) {
    this.env = { UPLINK_URL: uplinkUrl, UPLINK_TOKEN: token, UPLINK_EVENT: this.ctx.event.id, UPLINK_RETRY_MAX_MS: '500' };
    this.proc = await spawnServer({ dataDir: was.dataDir, port: was.port, env: this.env });
  }

  async forwarding() {
    return (await api<{ forwarding: { state: string; behind: number; ackedSeq: number } }>(this.url, 'GET', '/api/v1/uplink', undefined, ADMIN_TOKEN)).body.forwarding;
  }
}

/** An ordinary event on the central for a venue, and its uplink token. */
export async function centralEventFor(centralUrl: string): Promise<{ id: string; token: string }> {
  const made = await api<{ id: string }>(centralUrl, 'POST', '/api/v1/events', liveEventInput({ name: 'Venue copy' }), ADMIN_TOKEN);
  const { token } = (await api<{ token: string }>(centralUrl, 'POST', `/api/v1/events/${made.body.id}/uplink`, {}, ADMIN_TOKEN)).body;
  return { id: made.body.id, token };
}

/**
 * A booth's tablet posting deals at its venue as the real one does: a deal keeps its id until
 * the venue answered it (so a resend after a killed server cannot count twice), and every
 * seventh acknowledged deal voids an earlier one through the console.
 */
export class Tablet {
  readonly acked = new Map<string, number>();
  readonly voided = new Set<string>();
  /** The slowest answer the venue gave a deal while it was up. */
  slowestMs = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly venue: Venue) {}

  start(perSecond: number) {
    this.loop = this.run(1000 / perSecond);
  }

  async stop() {
    this.stopped = true;
    await this.loop;
  }

  private async run(gapMs: number) {
    const { event, boothA } = this.venue.ctx;
    let next = { id: uuid(), amount: 0, category: event.categories[0]!.id, seller: 'UMKM Purun', buyer: 'CV Jaya' };
    while (!this.stopped) {
      if (!next.amount) next = { ...next, id: uuid(), amount: 1_000_000 + Math.floor(Math.random() * 9_000) * 1000 };
      const started = Date.now();
      const res = await api(this.venue.url, 'POST', `/api/v1/events/${event.id}/deals`, next, boothA.token).catch(() => undefined);
      if (res && (res.status === 201 || res.status === 200)) {
        this.slowestMs = Math.max(this.slowestMs, Date.now() - started);
        this.acked.set(next.id, next.amount);
        next = { ...next, amount: 0 };
        if (this.acked.size % 7 === 0) await this.voidOne();
      }
      await sleep(gapMs);
    }
  }

  private async voidOne() {
    const id = [...this.acked.keys()].find((k) => !this.voided.has(k));
    if (!id) return;
    const res = await api(this.venue.url, 'POST', `/api/v1/events/${this.venue.ctx.event.id}/deals/${id}/void`, { reason: 'salah ketik' }, ADMIN_TOKEN).catch(() => undefined);
    if (res?.status === 200) this.voided.add(id);
  }

  /** What the venue's total must be: every acknowledged deal once, less the voided ones. */
  expected(): number {
    return [...this.acked].reduce((s, [id, a]) => s + (this.voided.has(id) ? 0 : a), 0);
  }
}

type DealRow = { id: string; status: string; amount: number };
const dealsOf = async (url: string, eventId: string) =>
  (await api<{ deals: DealRow[] }>(url, 'GET', `/api/v1/events/${eventId}/deals?limit=1000`, undefined, ADMIN_TOKEN)).body.deals.map((d) => `${d.id}:${d.status}:${d.amount}`).sort();
export const totalOf = async (url: string, eventId: string) => (await api<{ total: number; count: number }>(url, 'GET', `/api/v1/events/${eventId}/totals`)).body;

/** The central holds exactly the venue's deals (each once, each void applied), within `ms`. */
export async function expectMirrored(venue: Venue, tablet: Tablet, centralUrl: string, centralEventId: string, ms: number): Promise<number> {
  const want = await totalOf(venue.url, venue.ctx.event.id);
  expect(want.total).toBe(tablet.expected());
  const end = Date.now() + ms;
  let have = await totalOf(centralUrl, centralEventId);
  while ((have.total !== want.total || have.count !== want.count) && Date.now() < end) {
    await sleep(200);
    have = await totalOf(centralUrl, centralEventId);
  }
  expect({ total: have.total, count: have.count }).toEqual({ total: want.total, count: want.count });
  expect(await dealsOf(centralUrl, centralEventId)).toEqual(await dealsOf(venue.url, venue.ctx.event.id));
  return want.total;
}
