import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { apiRouter, type RouteDeps } from './routes/index.js';
import { apiNotFound, errorHandler } from './errors.js';
import { requireAdmin } from './auth.js';

/** Paths the single-page client owns; each gets index.html. */
const PAGE_ROUTES = ['/', '/board/*rest', '/overlay/*rest', '/live/*rest', '/operator', '/operator/*rest', '/join/*rest', '/admin', '/admin/*rest'];

export function createHttpApp(deps: RouteDeps & { logger: Logger; clientDist?: string }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
      // Plain-http LAN use: no HSTS, and no cross-origin isolation that would break it.
      strictTransportSecurity: false,
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
    }),
  );
  // An event edit may carry an uploaded logo (a data: URL): a larger body, read only after the admin check.
  app.patch('/api/v1/events/:eventId', requireAdmin(deps.adminAuth, deps.sessions), express.json({ limit: '300kb', strict: true }));
  app.use('/api', express.json({ limit: '16kb', strict: true }));
  app.use('/api/v1', apiRouter(deps));
  app.use('/api', apiNotFound);

  const dist = deps.clientDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    const index = path.join(dist, 'index.html');
    app.use(express.static(dist, { index: false, maxAge: '1h', immutable: false }));
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
  app.use(errorHandler(deps.logger));
  return app;
}
