import { dealInputSchema, type DealReceipt } from '@dealboard/shared';
import { parseInput } from '../validate.js';
import type { BoothIdentity } from './booths-repo.js';
import type { Ledger } from './ledger.js';
import { rateLimited } from './errors.js';
import type { RateLimiter } from './rate-limit.js';

/** The one way a deal comes in, whatever the transport: rate limit, validate, record. */
export class DealIntake {
  constructor(
    private readonly ledger: Ledger,
    private readonly limiter: RateLimiter,
  ) {}

  async submit(booth: BoothIdentity, payload: unknown): Promise<DealReceipt> {
    const wait = this.limiter.take(booth.id);
    if (wait > 0) throw rateLimited(wait);
    return this.ledger.submit(booth, parseInput(dealInputSchema, payload));
  }
}
