import { timedUuid } from './ids.js';

export type BenchEvent = {
  eventId: string;
  categories: string[];
  delegations: string[];
  /** Booth tokens, one per tablet. */
  tokens: string[];
};

const SELLERS = Array.from({ length: 300 }, (_, i) => `UMKM Bench ${String(i + 1).padStart(3, '0')}`);
const BUYERS = Array.from({ length: 40 }, (_, i) => `CV Pembeli ${String(i + 1).padStart(2, '0')}`);

/** The amount of the `n`-th deal a tablets process sends (IDR). */
export const dealAmount = (n: number): number => (1 + ((n * 7919) % 99)) * 1_000_000 + ((n * 31) % 1000) * 1000;

/** The kind of the `n`-th deal a tablets process sends. */
export const dealKind = (n: number): 'trade' | 'investment' => (n % 10 === 0 ? 'investment' : 'trade');

/** A plausible deal body (the public contract's DealInput), its id carrying the send time. */
export function makeDeal(ev: BenchEvent, n: number, sentAtUs?: number): Record<string, unknown> {
  const deal: Record<string, unknown> = {
    id: timedUuid(sentAtUs),
    amount: dealAmount(n),
    category: ev.categories[n % ev.categories.length],
    seller: SELLERS[(n * 13) % SELLERS.length],
    buyer: BUYERS[(n * 7) % BUYERS.length],
    kind: dealKind(n),
  };
  if (n % 2 === 0 && ev.delegations.length) deal.buyerDelegation = ev.delegations[(n >> 1) % ev.delegations.length];
  if (n % 3 === 0) {
    deal.quantity = 1 + (n % 20);
    deal.unit = 'ton';
  }
  return deal;
}
