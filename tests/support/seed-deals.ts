import { randomUUID } from 'node:crypto';
import { dealInputSchema } from '@dealboard/shared';
import { openStore } from '../../server/src/store/sqlite.js';
import { EventsRepo } from '../../server/src/ledger/events/events-repo.js';
import type { BoothIdentity } from '../../server/src/ledger/booths/booth-identity.js';
import { BoothsRepo } from '../../server/src/ledger/booths/booths-repo.js';
import { Ledger } from '../../server/src/ledger/batch/ledger.js';

/**
 * A data folder holding one live event with `booths` booths and `deals` deals, written through
 * the real ledger (group commits of `batch` deals) — the fast way to a big ledger for export tests
 * and benchmarks. Returns the event id and one booth's token.
 */
export async function seedLedger(dataDir: string, opts: { deals: number; booths?: number; batch?: number }) {
  const store = await openStore(dataDir);
  try {
    const events = new EventsRepo(store.db);
    const boothsRepo = new BoothsRepo(store.db, events);
    const now = Date.now();
    const event = await events.createEvent({
      name: 'Misi Dagang Besar',
      target: 50_000_000_000,
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      timezone: 'Asia/Makassar',
      delegations: ['Jatim', 'Kalsel'],
    });
    const booths: BoothIdentity[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < (opts.booths ?? 20); i++) {
      const { token } = await boothsRepo.create(event.id, { name: `Stan ${i + 1}`, delegation: i % 2 ? 'Kalsel' : 'Jatim' });
      tokens.push(token);
      booths.push((await boothsRepo.findByToken(token))!);
    }
    const ledger = new Ledger(store.db);
    const batch = opts.batch ?? 2_000;
    for (let done = 0; done < opts.deals; done += batch) {
      const n = Math.min(batch, opts.deals - done);
      await Promise.all(
        Array.from({ length: n }, (_, j) => {
          const i = done + j;
          const input = dealInputSchema.parse({
            id: randomUUID(),
            amount: 1_000_000 + ((i * 7919) % 250) * 1_000_000,
            category: event.categories[i % event.categories.length]!.id,
            kind: i % 9 === 0 ? 'investment' : 'trade',
            seller: `UMKM ${(i * 31) % 600} Sejahtera`,
            buyer: `CV Pembeli ${(i * 17) % 400}`,
            buyerDelegation: i % 2 ? 'Jatim' : 'Kalsel',
            ...(i % 5 === 0 ? { quantity: 1 + (i % 40), unit: 'ton', note: 'kirim, "segera"; bayar DP' } : {}),
          });
          return ledger.submit(booths[i % booths.length]!, input);
        }),
      );
    }
    return { eventId: event.id, boothToken: tokens[0]!, total: (await ledger.totals(event.id))!.total };
  } finally {
    await store.close();
  }
}
