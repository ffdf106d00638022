import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dealInputSchema, eventSettingsSchema, type DealInput } from '@dealboard/shared';
import type { Store } from '../../store/db.js';
import type { BoothIdentity } from '../booths/booth-identity.js';
import { storeWithBooth } from '../../../../tests/support/ledger-store.js';
import { Ledger } from './ledger.js';
import type { Change, ChangeFeed } from '../feed/change-feed.js';
import { DomainError } from '../../core/errors.js';
import { correctDeal } from '../deals/corrections.js';
import { latestClimb } from '../figures/climb.js';
import { EventsRepo } from '../events/events-repo.js';
import { BoothsRepo } from '../booths/booths-repo.js';

let store: Store;
let ledger: Ledger;
let feed: ChangeFeed;
let booth: BoothIdentity;
let booths: BoothsRepo;
let category: string;

beforeEach(async () => {
  ({ store, ledger, feed, booths, booth, category } = await storeWithBooth());
});
afterEach(() => store.close());

const input = (over: Partial<DealInput> = {}) =>
  dealInputSchema.parse({ id: randomUUID(), amount: 1_000_000, category, seller: 'UMKM Rotan', buyer: 'CV Maju', ...over });

describe('Ledger', () => {
  it.each(['revoke', 'rotate'] as const)('refuses a deal whose token was checked before a %s it had not heard of, and still answers a resend', async (how) => {
    const recorded = input();
    await ledger.submit(booth, recorded);
    // The identity as another node's cache would still hold it: found by the token before the change.
    const stale = booth;
    if (how === 'revoke') await booths.revoke(booth.eventId, booth.id, 'admin');
    else await booths.rotate(booth.eventId, booth.id, 'admin');
    await expect(ledger.submit(stale, input())).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await ledger.submit(stale, recorded)).toMatchObject({ duplicate: true });
    expect((await ledger.totals(booth.eventId))?.count).toBe(1);
  });

  it('shares one commit among deals that arrive together, and each still gets its own receipt', async () => {
    const deals = Array.from({ length: 50 }, (_, i) => input({ amount: 1_000 + i }));
    const receipts = await Promise.all(deals.map((d) => ledger.submit(booth, d)));
    expect(receipts.map((r) => r.deal.id)).toEqual(deals.map((d) => d.id));
    expect(new Set(receipts.map((r) => r.seq)).size).toBe(50);
    expect(ledger.stats.commits).toBeLessThan(5);
    const totals = await ledger.totals(booth.eventId);
    expect(totals?.total).toBe(deals.reduce((s, d) => s + d.amount, 0));
    expect(totals?.seq).toBe(50);
  });

  it('counts a deal resent in the same batch once', async () => {
    const d = input();
    const [a, b] = await Promise.all([ledger.submit(booth, d), ledger.submit(booth, d)]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect((await ledger.totals(booth.eventId))?.count).toBe(1);
  });

  it('rejects only the bad deal of a batch, not its neighbours', async () => {
    const good = input();
    const results = await Promise.allSettled([ledger.submit(booth, good), ledger.submit(booth, input({ category: 'emas' }))]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1].status).toBe('rejected');
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect((await ledger.totals(booth.eventId))?.count).toBe(1);
  });

  it('counts distinct sellers regardless of case and spacing, and drops voided deals', async () => {
    const a = await ledger.submit(booth, input({ seller: 'UMKM  Rotan' }));
    await ledger.submit(booth, input({ seller: 'umkm rotan' }));
    await ledger.submit(booth, input({ seller: 'Kopi Dayak' }));
    expect((await ledger.totals(booth.eventId))?.sellers).toBe(2);
    // What the deals' commits publish (on PostgreSQL, read back after COMMIT) is out before the void's.
    await ledger.drain();
    await feed.idle();
    const changes: Change[] = [];
    feed.subscribe((c) => void changes.push(c));
    await correctDeal(ledger, 'void', { eventId: booth.eventId, dealId: a.deal.id, reason: 'dobel', actor: 'admin' });
    await feed.idle();
    const t = await ledger.totals(booth.eventId);
    expect(t).toMatchObject({ count: 2, total: 2_000_000, voided: 1, seq: 4, sellers: 2 });
    expect(changes[0]?.deals[0]).toMatchObject({ id: a.deal.id, status: 'voided', voidReason: 'dobel' });
  });

  it('takes each deal once and raises seq by one per deal, with three writers on one event at once', async () => {
    // Three ledgers on one store stand for three nodes: on PostgreSQL each commits on its own connection.
    const writers = [ledger, new Ledger(store.db), new Ledger(store.db)];
    const deals = Array.from({ length: 90 }, (_, i) => input({ amount: 1_000 + i }));
    // Every deal is sent to two writers, as a tablet resending to another node would.
    const sends = deals.flatMap((d, i) => [writers[i % 3]!.submit(booth, d), writers[(i + 1) % 3]!.submit(booth, d)]);
    const receipts = await Promise.all(sends);
    const firsts = receipts.filter((r) => !r.duplicate);
    expect(firsts).toHaveLength(90);
    expect(firsts.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    const totals = await writers[2]!.readTotals(booth.eventId);
    expect(totals).toMatchObject({ seq: 90, count: 90, total: deals.reduce((s, d) => s + d.amount, 0) });
    // The climb's last point, which every screen draws, counts every writer's deals too.
    expect((await latestClimb(store.db, booth.eventId)).at(-1)?.[1]).toBe(totals?.total);
  });
});

describe('Ledger at the edges', () => {
  it('refuses a deal that would take any total past Number.MAX_SAFE_INTEGER, and a restore that would', async () => {
    const big = 1_000_000_000_000_000;
    const accepted = [];
    for (let i = 0; i < 9; i++) accepted.push(await ledger.submit(booth, input({ amount: big })));
    const refused = await ledger.submit(booth, input({ amount: big })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'total_too_large', status: 422, field: 'amount' });
    expect((refused as DomainError).pesan).toMatch(/terbesar yang dapat dihitung tepat/);
    // Up to the limit exactly is still taken, and the total is exact.
    const rest = Number.MAX_SAFE_INTEGER - 9 * big;
    await ledger.submit(booth, input({ amount: rest }));
    expect((await ledger.totals(booth.eventId))?.total).toBe(Number.MAX_SAFE_INTEGER);
    await correctDeal(ledger, 'void', { eventId: booth.eventId, dealId: accepted[0]!.deal.id, reason: 'salah', actor: 'admin' });
    await ledger.submit(booth, input({ amount: big }));
    const restore = correctDeal(ledger, 'restore', { eventId: booth.eventId, dealId: accepted[0]!.deal.id, actor: 'admin' });
    await expect(restore).rejects.toMatchObject({ code: 'total_too_large' });
    expect((await ledger.totals(booth.eventId))?.total).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('fails only the deal a store fault comes from; its neighbours of this and other events are committed and acked', async () => {
    const other = await (async () => {
      const events = new EventsRepo(store.db);
      const e = await events.createEvent({ name: 'Lain', target: 1_000, startsAt: '2026-04-13T09:00:00+07:00', endsAt: '2026-04-13T10:00:00+07:00', timezone: 'Asia/Jakarta', settings: eventSettingsSchema.parse({ stopAtEnd: false }) });
      const booths = new BoothsRepo(store.db, events);
      const { token } = await booths.create(e.id, { name: 'Stan Lain', delegation: 'Jabar' });
      return { booth: (await booths.findByToken(token))!, category: e.categories[0]!.id };
    })();
    // A real fault of the store, raised by one row: the statement, and so the shared transaction, fails.
    if (store.sqlite) store.sqlite.exec(`create trigger refuse_one before insert on deals when new.seller = 'Rusak' begin select raise(abort, 'disk I/O error on this row'); end`);
    else {
      await sql`create function refuse_one() returns trigger language plpgsql as $$ begin if new.seller = 'Rusak' then raise exception 'disk I/O error on this row'; end if; return new; end $$`.execute(store.db);
      await sql`create trigger refuse_one before insert on deals for each row execute function refuse_one()`.execute(store.db);
    }
    const mine = Array.from({ length: 100 }, () => ledger.submit(booth, input()));
    const bad = ledger.submit(booth, input({ seller: 'Rusak' }));
    const theirs = Array.from({ length: 100 }, () => ledger.submit(other.booth, input({ category: other.category })));
    const results = await Promise.allSettled([...mine, bad, ...theirs]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(200);
    expect(results[100]!.status).toBe('rejected');
    expect((await ledger.totals(booth.eventId))?.count).toBe(100);
    expect((await ledger.totals(other.booth.eventId))?.count).toBe(100);
    const stored = await store.db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(200);
  });
});
