import fs from 'node:fs';
import net from 'node:net';
import { TLSSocket } from 'node:tls';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { apiRouter, type RouteDeps } from './routes/index.js';
import { apiNotFound, errorHandler } from './errors.js';
import { requireAdmin } from './auth.js';
import { adminAccess, everyone } from './access.js';
import { BODY_LIMIT, LOGO_BODY_LIMIT, UPLINK_BODY_LIMIT, UPLINK_CHANGES_PATH, bodyGuard } from './body-guard.js';
import { requireUplink } from './routes/uplink.js';
import type { TrustProxy } from '../core/client-address.js';
import { requestLogger } from '../observability/request-log.js';
import type { Metrics } from '../observability/metrics.js';
import { countDoorRefusals, metricsHandler } from './metrics.js';
import { phonePage } from './phone-page.js';
import { readBoardSnapshot } from '../ledger/reads/board-snapshot.js';

/** Paths the single-page client owns; each gets index.html. */
const PAGE_ROUTES = ['/', '/board/*rest', '/overlay/*rest', '/live/*rest', '/operator', '/operator/*rest', '/join/*rest', '/admin', '/admin/*rest', '/confirm/*rest'];

/**
 * HSTS (helmet's) only over TLS and only for a host name: a browser would then refuse plain http
 * to that name, which is the point once a venue has a domain and a certificate; a bare address
 * (`https://192.168.1.10`) or localhost keeps working over plain http on another day.
 */
function hsts(maxAge: number): express.RequestHandler {
  const header = helmet.strictTransportSecurity({ maxAge, includeSubDomains: false });
  return (req, res, next) => {
    const host = req.hostname.replace(/^\[|\]$/g, '');
    if (maxAge > 0 && req.socket instanceof TLSSocket && host && !net.isIP(host) && host !== 'localhost' && !host.endsWith('.localhost')) return header(req, res, next);
    next();
  };
}

export function createHttpApp(deps: RouteDeps & { logger: Logger; metrics: Metrics; clientDist?: string; trustProxy: TrustProxy; hstsMaxAge: number }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For only from the proxies TRUST_PROXY names (none by default): limits are kept per address.
  app.set('trust proxy', deps.trustProxy);
  app.use(requestLogger(deps.logger));
  // Counted before the size guard: a deal refused for its size never reaches the metered intake.
  app.post('/api/v1/events/:eventId/deals', everyone, countDoorRefusals(deps.metrics));
  app.use(bodyGuard);
  app.use(hsts(deps.hstsMaxAge));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          // Tablets reach the server over plain http on the venue LAN.
          'upgrade-insecure-requests': null,
        },
      },
      // Plain-http LAN use: HSTS only as `hsts` above allows, and no cross-origin isolation that would break it.
      strictTransportSecurity: false,
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
    }),
  );
  const admin = adminAccess(requireAdmin(deps.adminAuth, deps.consoleSessions, deps.adminGuard));
  // An event edit may carry an uploaded logo (a data: URL): a larger body, read only after the admin check.
  app.patch('/api/v1/events/:eventId', admin('owner'), express.json({ limit: LOGO_BODY_LIMIT, strict: true }));
  app.get('/metrics', admin('owner'), metricsHandler(deps.metrics));
  // A venue's batch may be large: read only once its uplink token is checked.
  app.post(UPLINK_CHANGES_PATH, requireUplink(deps.uplink), express.json({ limit: UPLINK_BODY_LIMIT, strict: true }));
  app.use('/api', express.json({ limit: BODY_LIMIT, strict: true }));
  app.use('/api/v1', apiRouter(deps));
  app.use('/api', apiNotFound);

  const dist = deps.clientDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    const index = path.join(dist, 'index.html');
    app.use(express.static(dist, { index: false, maxAge: '1h', immutable: false }));
    const phone = phonePage(dist, (eventId) => readBoardSnapshot(deps, eventId));
    // A programme's phone view is the app's page (the event's phone page embeds one event's snapshot).
    app.get('/live/p/*rest', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
    if (phone) app.get('/live/*rest', phone);
    app.get(PAGE_ROUTES, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('The client is not built yet. Run `npm run build` (or `npm start`, which builds it).\nKlien belum dibangun. Jalankan `npm run build`.');
    });
  }
  app.use(errorHandler(deps.logger, deps.storeHealth));
  return app;
}
