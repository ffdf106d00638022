import { dealInputSchema, type DealReceipt } from '@dealboard/shared';
import { parseInput } from '../../core/validate.js';
import type { BoothIdentity } from '../booths/booth-identity.js';
import type { Ledger } from './ledger.js';
import { rateLimited } from '../../core/errors.js';
import type { RateLimiter } from '../../core/rate-limit.js';

/** The one way a deal comes in, whatever the transport: validate, rate limit, record. */
export class DealIntake {
  constructor(
    private readonly ledger: Ledger,
    private readonly limiter: RateLimiter,
  ) {}

  async submit(booth: BoothIdentity, payload: unknown): Promise<DealReceipt> {
    const input = parseInput(dealInputSchema, payload);
    const wait = this.limiter.take(booth.id);
    // A resend of a deal already stored is answered even over the limit: a tablet
    // coming back online with a full outbox must not be throttled for deals that count already.
    if (wait > 0 && !(await this.ledger.findDeal(input.id))) throw rateLimited(wait);
    return this.ledger.submit(booth, input);
  }
}
