import type { DealReceipt } from '@dealboard/shared';
import type { BoothIdentity } from '../ledger/booths/booth-identity.js';
import { DealIntake } from '../ledger/batch/intake.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import type { RateLimiter } from '../core/rate-limit.js';
import { DomainError } from '../core/errors.js';
import type { Metrics } from './metrics.js';

/** The deal intake, counted: every deal (socket or HTTP) is timed to its ack and sorted by outcome. */
export class MeteredDealIntake extends DealIntake {
  constructor(
    ledger: Ledger,
    limiter: RateLimiter,
    private readonly metrics: Metrics,
  ) {
    super(ledger, limiter);
  }

  override async submit(booth: BoothIdentity, payload: unknown): Promise<DealReceipt> {
    const done = this.metrics.startDeal();
    try {
      const receipt = await super.submit(booth, payload);
      done({ duplicate: receipt.duplicate });
      return receipt;
    } catch (e) {
      done(e instanceof DomainError ? { refused: e.code } : { storeError: true });
      throw e;
    }
  }
}
