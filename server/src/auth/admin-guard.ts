import type { Db } from '../store/db.js';
import { audit } from '../ledger/audit.js';
import { RateLimiter } from '../core/rate-limit.js';

/**
 * Failed admin authentication, counted per address across every admin route and
 * every way in (bearer token, console cookie, sign-in form). An address that used
 * up its allowance is refused before its token is even checked, so guessing costs
 * time whichever route it goes through. Every failure is audited; a refusal while
 * blocked is audited once per block, so a flood cannot fill the audit log.
 */
export class AdminGuard {
  private readonly failures: RateLimiter;
  private readonly announced = new Set<string>();

  constructor(
    private readonly db: Db,
    perMinute: number,
  ) {
    this.failures = new RateLimiter(perMinute, Math.min(perMinute, 10));
  }

  /** Milliseconds this address must wait before it may try again (0: it may). */
  async blockedFor(address: string, path: string): Promise<number> {
    const wait = this.failures.peek(address);
    if (wait === 0) {
      this.announced.delete(address);
      return 0;
    }
    if (!this.announced.has(address)) {
      if (this.announced.size > 10_000) this.announced.clear();
      this.announced.add(address);
      await audit(this.db, { actor: `address ${address}`, action: 'admin.auth_blocked', eventId: null, after: { path, retryInSec: Math.ceil(wait / 1000) } });
    }
    return wait;
  }

  async failed(address: string, via: 'bearer' | 'cookie' | 'sign-in', path: string): Promise<void> {
    this.failures.take(address);
    await audit(this.db, { actor: `address ${address}`, action: 'admin.auth_failed', eventId: null, after: { via, path } });
  }
}
