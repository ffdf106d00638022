import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { BoardStream, dealInputSchema } from '@dealboard/shared';
import { storeWithBooth } from '../../../../tests/support/ledger-store.js';
import { ChangeFeed, type Change } from './change-feed.js';
import { Ledger } from '../batch/ledger.js';
import { EventsRepo } from '../events/events-repo.js';
import { BoothsRepo } from '../booths/booths-repo.js';
import { feedSource } from './feed-source.js';
import { CHANGED_DEALS_LIMIT } from '../reads/queries.js';
import { toBoardDeal } from '../deals/deal-row.js';

// Two nodes on one store: A takes the deals, B holds boards and hears A's notes (as LISTEN hands them).
let f: Awaited<ReturnType<typeof storeWithBooth>>;
let b: { feed: ChangeFeed; ledger: Ledger; boards: Change[] };
beforeEach(async () => {
  f = await storeWithBooth();
  const feed = new ChangeFeed();
  const events = new EventsRepo(f.store.db, feed);
  const ledger = new Ledger(f.store.db, feed);
  feed.attach(feedSource({ db: f.store.db, events, booths: new BoothsRepo(f.store.db, events, feed), ledger }));
  b = { feed, ledger, boards: [] };
  feed.subscribe((c) => void b.boards.push(c));
});
afterEach(() => f.store.close());

const deal = () => dealInputSchema.parse({ id: randomUUID(), amount: 1_000_000, category: f.category, seller: 'UMKM Rotan', buyer: 'CV Maju' });

/** A's deal, then its note as B hears it; `between` runs on B before the note arrives. */
async function dealOnA(between: () => Promise<unknown> = async () => undefined) {
  const receipt = await f.ledger.submit(f.booth, deal());
  await between();
  b.feed.heard(JSON.stringify(f.feed.notice({ eventId: f.event.id, seq: receipt.seq, what: 'deals' }).payload));
  await b.feed.idle();
  return receipt;
}

describe('Change feed on a node that hears another node', () => {
  it("hands its boards every deal, its node's and another's, when its totals were read while they waited (a /totals request)", async () => {
    await b.ledger.totals(f.event.id); // a board's snapshot on B
    const first = await dealOnA();
    // B's feed is busy with a change (a slow consumer) while B takes a deal, A takes one, and
    // someone asks B for the totals: on PostgreSQL that read finds both deals before the feed does.
    let release!: () => void;
    const busy = new Promise<void>((r) => (release = r));
    const stop = b.feed.subscribe(() => busy);
    await f.events.updateEvent(f.event.id, { name: 'Uji ulang' }, 'admin');
    const renamed = (await f.ledger.readTotals(f.event.id))!.seq;
    b.feed.heard(JSON.stringify(f.feed.notice({ eventId: f.event.id, seq: renamed, what: 'config' }).payload));
    const own = await b.ledger.submit(f.booth, deal());
    const other = await f.ledger.submit(f.booth, deal());
    await b.ledger.totals(f.event.id);
    b.feed.heard(JSON.stringify(f.feed.notice({ eventId: f.event.id, seq: other.seq, what: 'deals' }).payload));
    release();
    stop();
    await b.feed.idle();
    expect(b.boards.at(-1)).toMatchObject({ seq: other.seq, totals: { count: 3 } });
    expect(b.boards.flatMap((c) => c.deals.map((d) => d.id))).toEqual([first.deal.id, own.deal.id, other.deal.id]);
  });

  it('hands a deal to its boards once, however many notes cover it', async () => {
    await b.ledger.totals(f.event.id);
    const first = await dealOnA();
    b.feed.heard(JSON.stringify(f.feed.notice({ eventId: f.event.id, seq: first.seq, what: 'deals' }).payload));
    await b.feed.idle();
    expect(b.boards.flatMap((c) => c.deals.map((d) => d.id))).toEqual([first.deal.id]);
  });

  it('counts the deals of a change past those it lists, so boards can say how many more came', async () => {
    const before = (await b.ledger.totals(f.event.id))!;
    const receipts = [];
    for (let i = 0; i < CHANGED_DEALS_LIMIT + 10; i++) receipts.push(await f.ledger.submit(f.booth, deal()));
    b.feed.heard(JSON.stringify(f.feed.notice({ eventId: f.event.id, seq: receipts.at(-1)!.seq, what: 'deals' }).payload));
    await b.feed.idle();
    const [change] = b.boards;
    expect(change!.deals.map((d) => d.id)).toEqual(receipts.slice(10).map((r) => r.deal.id));
    expect(change!.unlisted).toEqual({ deals: 10, boothIds: [f.booth.id] });
    // The board's update names a few and counts the rest: all of them.
    const stream = new BoardStream(before);
    stream.push(change!.totals, change!.deals.map((d) => toBoardDeal(d)), change!.climb, change!.unlisted.deals);
    const update = stream.take()!;
    expect(update.changed.length + (update.more ?? 0)).toBe(CHANGED_DEALS_LIMIT + 10);
  });

  it("reads deals when the node's boards can next be sent them, so one read covers what committed until then", async () => {
    await b.ledger.totals(f.event.id);
    const slot = Date.now() + 600;
    b.feed.paceBy(() => slot);
    const hear = (seq: number) => b.feed.heard(JSON.stringify(f.feed.notice({ eventId: f.event.id, seq, what: 'deals' }).payload));
    const first = await f.ledger.submit(f.booth, deal());
    hear(first.seq);
    await new Promise((r) => setTimeout(r, 50));
    const second = await f.ledger.submit(f.booth, deal());
    hear(second.seq);
    await b.feed.idle();
    // Timers may fire a millisecond early.
    expect(Date.now()).toBeGreaterThanOrEqual(slot - 2);
    expect(b.boards.map((c) => c.deals.map((d) => d.id))).toEqual([[first.deal.id, second.deal.id]]);
  });

  it("hands another event's changes while one event's boards wait for their slot", async () => {
    await b.ledger.totals(f.event.id);
    const { target, startsAt, endsAt, timezone, settings } = f.event;
    const other = await f.events.createEvent({ name: 'Uji kedua', target, startsAt, endsAt, timezone, settings, delegations: ['Jatim'] });
    const { token } = await f.booths.create(other.id, { name: 'Stan 2', delegation: 'Jatim' });
    const otherBooth = (await f.booths.findByToken(token))!;
    await b.ledger.totals(other.id);
    const slot = Date.now() + 2_000;
    b.feed.paceBy((eventId) => (eventId === f.event.id ? slot : undefined));
    const hear = (eventId: string, seq: number) => b.feed.heard(JSON.stringify(f.feed.notice({ eventId, seq, what: 'deals' }).payload));
    const waiting = await f.ledger.submit(f.booth, deal());
    hear(f.event.id, waiting.seq);
    const sooner = await f.ledger.submit(otherBooth, { ...deal(), category: other.categories[0]!.id });
    hear(other.id, sooner.seq);
    // The other event's deal is on its boards long before the first event's slot.
    await vi.waitFor(() => expect(b.boards).toHaveLength(1), { timeout: 1_500 });
    expect(Date.now()).toBeLessThan(slot);
    expect(b.boards.map((c) => c.deals.map((d) => d.id))).toEqual([[sooner.deal.id]]);
    await b.feed.idle();
    expect(b.boards.map((c) => c.deals.map((d) => d.id))).toEqual([[sooner.deal.id], [waiting.deal.id]]);
  });

  it("answers a request with the store's totals while another node's deal waits for its read", async () => {
    await b.ledger.totals(f.event.id);
    const slot = Date.now() + 2_000;
    b.feed.paceBy(() => slot);
    const other = await f.ledger.submit(f.booth, deal());
    b.feed.heard(JSON.stringify(f.feed.notice({ eventId: f.event.id, seq: other.seq, what: 'deals' }).payload));
    // Asked right after A's ack, B already counts the deal its boards will be sent at the slot.
    expect(await b.ledger.totals(f.event.id)).toMatchObject({ seq: other.seq, count: 1, total: 1_000_000 });
    expect(b.boards).toEqual([]);
    await b.feed.idle();
    expect(b.boards.map((c) => c.deals.map((d) => d.id))).toEqual([[other.deal.id]]);
  });
});
