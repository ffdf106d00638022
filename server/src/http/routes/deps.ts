import type { Request } from 'express';
import type { AdminAuth } from '../../auth/admin-auth.js';
import type { AdminGuard } from '../../auth/admin-guard.js';
import type { AdminSessions } from '../../auth/sessions.js';
import type { AccountsRepo } from '../../auth/accounts.js';
import type { ConsoleSessions } from '../../auth/console-sessions.js';
import type { BoothsRepo } from '../../ledger/booths/booths-repo.js';
import type { EventsRepo } from '../../ledger/events/events-repo.js';
import type { EventLifecycle } from '../../ledger/events/event-lifecycle.js';
import type { Replays } from '../../replay/replays.js';
import type { DealIntake } from '../../ledger/batch/intake.js';
import type { Ledger } from '../../ledger/batch/ledger.js';
import type { RateLimiter } from '../../core/rate-limit.js';
import type { Db } from '../../store/db.js';
import type { ScreensRegistry } from '../../presence/screens.js';
import type { StoreHealth } from '../../store/store-health.js';
import type { MessagesStatus } from '../../core/cluster-status.js';
import type { ProgrammesRepo } from '../../programmes/programmes-repo.js';
import type { VenueFreshnessSource } from '../../programmes/freshness.js';
import type { UplinkCentral } from '../../uplink/central.js';
import type { ForwarderState } from '../../uplink/forwarder.js';

export interface RouteDeps {
  db: Db;
  events: EventsRepo;
  lifecycle: EventLifecycle;
  replays: Replays;
  booths: BoothsRepo;
  ledger: Ledger;
  intake: DealIntake;
  adminAuth: AdminAuth;
  sessions: AdminSessions;
  /** Sign-in and whose a session cookie is, checked against the account's and token's current state. */
  consoleSessions: ConsoleSessions;
  accounts: AccountsRepo;
  adminGuard: AdminGuard;
  signInLimiter: RateLimiter;
  screens: ScreensRegistry;
  /** Whether the store can write, from the outcomes of real writes (`/health`). */
  storeHealth: StoreHealth;
  /** How room-wide messages travel between a cluster's nodes (`/health`); undefined on a single node. */
  messages: () => MessagesStatus | undefined;
  programmes: ProgrammesRepo;
  /** How fresh each venue's figures are (the programme's totals show it). */
  freshness: VenueFreshnessSource;
  /** Venues' uplinks into this server's events (the central's side). */
  uplink: UplinkCentral;
  /** This server's own uplink to a central, when it forwards one (a venue's side). */
  forwarder?: () => ForwarderState;
  /** Base URL for join links, decided when the server listens. */
  baseUrl: () => string;
}

/** A route parameter as a string ('' when absent). */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
}
