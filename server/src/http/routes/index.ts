import { Router } from 'express';
import { requireAdmin } from '../auth.js';
import { adminAccess } from '../access.js';
import { accountRoutes } from './accounts.js';
import type { RouteDeps } from './deps.js';
import { publicRoutes } from './public.js';
import { adminEventRoutes } from './admin-events.js';
import { adminLifecycleRoutes } from './admin-lifecycle.js';
import { adminReplayRoutes } from './admin-replay.js';
import { adminBoothRoutes } from './admin-booths.js';
import { adminDealRoutes } from './admin-deals.js';
import { reportRoutes } from './reports.js';
import { screenRoutes } from './screens.js';
import { mouRoutes } from './mou.js';
import { buyerConfirmRoutes } from './buyer-confirm.js';
import { programmeRoutes } from './programmes.js';
import { uplinkRoutes } from './uplink.js';

export type { RouteDeps } from './deps.js';

/** The API under /api/v1: thin adapters over the ledger and the repositories. */
export function apiRouter(deps: RouteDeps): Router {
  // Every admin route states what it needs: admin('read' | 'verify' | 'desk' | 'owner').
  const admin = adminAccess(requireAdmin(deps.adminAuth, deps.consoleSessions, deps.adminGuard));
  const r = Router();
  r.use(publicRoutes(deps));
  r.use(adminEventRoutes(deps, admin));
  r.use(adminLifecycleRoutes(deps, admin));
  r.use(adminReplayRoutes(deps, admin));
  r.use(adminBoothRoutes(deps, admin));
  r.use(adminDealRoutes(deps, admin));
  r.use(reportRoutes(deps, admin));
  r.use(screenRoutes(deps, admin));
  r.use(accountRoutes(deps, admin));
  r.use(mouRoutes(deps, admin));
  r.use(buyerConfirmRoutes(deps));
  r.use(programmeRoutes(deps, admin));
  r.use(uplinkRoutes(deps, admin));
  return r;
}
