import { NAMESPACES } from '@dealboard/shared';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Store } from './store/db.js';
import { AdminAuth } from './auth/admin-auth.js';
import { EventsRepo } from './ledger/events/events-repo.js';
import { EventLifecycle } from './ledger/events/event-lifecycle.js';
import { Replays } from './replay/replays.js';
import { BoothsRepo } from './ledger/booths/booths-repo.js';
import { Ledger } from './ledger/batch/ledger.js';
import { RateLimiter } from './core/rate-limit.js';
import { createHttpApp } from './http/app.js';
import { registerBoardNamespace } from './realtime/board.js';
import { registerOperatorNamespace } from './realtime/operator.js';
import { registerProgrammeNamespace } from './realtime/programme-board.js';
import { publicBaseUrl } from './net.js';
import { originAllowed } from './realtime/origin.js';
import { ScreensRegistry } from './presence/screens.js';
import { AdminSessions } from './auth/sessions.js';
import { ConsoleSessions } from './auth/console-sessions.js';
import { AdminGuard } from './auth/admin-guard.js';
import { AccountsRepo } from './auth/accounts.js';
import { JoinCards } from './auth/join-cards.js';
import { capUnsentBytes } from './realtime/backpressure.js';
import { fanoutTotals } from './realtime/fanout.js';
import { BoardAdmission } from './realtime/board-admission.js';
import { addressResolver } from './core/client-address.js';
import { Metrics } from './observability/metrics.js';
import { MeteredDealIntake } from './observability/metered-intake.js';
import { StoreHealth } from './store/store-health.js';
import { ChangeFeed } from './ledger/feed/change-feed.js';
import { feedSource } from './ledger/feed/feed-source.js';
import { joinCluster, type Cluster } from './realtime/cluster.js';
import type { VenueFreshnessSource } from './programmes/freshness.js';
import { ProgrammesRepo } from './programmes/programmes-repo.js';
import { UplinkCentral } from './uplink/central.js';
import { UplinkForwarder } from './uplink/forwarder.js';
import { UplinkFreshness } from './uplink/freshness.js';

export interface Application {
  events: EventsRepo;
  booths: BoothsRepo;
  ledger: Ledger;
  programmes: ProgrammesRepo;
  /** The one stream of committed changes (this node's, and on PostgreSQL every node's). */
  feed: ChangeFeed;
  io: Server;
  /** Venues' uplinks into this server's events. */
  uplink: UplinkCentral;
  /** This server's forwarder to its central (set with UPLINK_URL). */
  forwarder?: UplinkForwarder;
  /** The Express app (its router is walked by the route table test: every admin route declares a role). */
  httpApp: ReturnType<typeof createHttpApp>;
  metrics: Metrics;
  /** How fresh each event's figures are (the uplink's, or every event `local`): what the national boards show per venue. */
  freshness: VenueFreshnessSource;
  /** A token made on first start (no ADMIN_TOKEN, none stored yet); print it once. */
  createdAdminToken?: string;
  baseUrl(): string;
  /** Stop taking work, finish what is in flight, close sockets. Does not close the store. */
  close(): Promise<void>;
}

/**
 * Wire the ledger, HTTP API and Socket.IO namespaces onto `httpServer`.
 * Does not listen: `main` (or a test) decides the port.
 */
export async function createApplication(
  httpServer: HttpServer,
  deps: {
    config: Config;
    store: Store;
    logger: Logger;
    clientDist?: string;
    /** Where the programme learns how fresh a venue's figures are (the uplink plugs its own in); default: every event `local`. */
    freshness?: VenueFreshnessSource;
  },
): Promise<Application> {
  const { config, store, logger } = deps;
  const feed = new ChangeFeed(logger);
  const events = new EventsRepo(store.db, feed);
  const booths = new BoothsRepo(store.db, events, feed, JoinCards.open({ secret: config.JOIN_CARD_SECRET, dataDir: config.DATA_DIR }));
  const storeHealth = new StoreHealth(logger);
  const ledger = new Ledger(store.db, feed, storeHealth);
  const uplink = new UplinkCentral(store.db, ledger, events);
  // Venues forwarding through an uplink say how fresh they are; the rest are this server's own.
  const uplinkFreshness = deps.freshness ? undefined : new UplinkFreshness(store.db, uplink);
  const freshness = deps.freshness ?? uplinkFreshness!;
  const programmes = new ProgrammesRepo(store.db);
  const lifecycle = new EventLifecycle(store.db, events, ledger, feed);
  const replays = new Replays(store.db, events, booths, ledger, { maxRunning: config.REPLAY_MAX_RUNNING, logger });
  // Boards and tablets of an event on this node (rooms of this node only, even with the cluster adapter).
  // and the national boards here that show it.
  const watched = (eventId: string) => Object.values(NAMESPACES).some((n) => (io.of(n).adapter.rooms.get(`event:${eventId}`)?.size ?? 0) > 0) || !!late.programmeBoard?.watches(eventId);
  // Registered once the sockets exist (below).
  const late: { programmeBoard?: ReturnType<typeof registerProgrammeNamespace> } = {};
  feed.attach(feedSource({ db: store.db, events, booths, ledger, watched }));
  const metrics = new Metrics(ledger, fanoutTotals);
  const intake = new MeteredDealIntake(ledger, new RateLimiter(config.DEAL_RATE_PER_MINUTE, config.DEAL_RATE_BURST), metrics);
  const { auth: adminAuth, createdToken, changed } = await AdminAuth.init(store.db, config.ADMIN_TOKEN);

  const baseUrl = () => {
    const addr = httpServer.address() as AddressInfo | null;
    return publicBaseUrl(config.PUBLIC_URL, config.HOST, addr?.port ?? config.PORT, config.HTTPS_CERT ? 'https' : 'http');
  };

  const sessions = new AdminSessions(store.db, () => adminAuth.binding);
  // Sessions are bound to the token already; a new token also clears their rows.
  if (changed) {
    await sessions.destroyAll();
    logger.warn('ADMIN_TOKEN changed: every console session was signed out');
  }
  const accounts = new AccountsRepo(store.db);
  const adminGuard = new AdminGuard(store.db, config.ADMIN_AUTH_FAILURES_PER_MINUTE);
  const signInLimiter = new RateLimiter(config.SIGNIN_RATE_PER_MINUTE, 5);
  const screens = new ScreensRegistry((eventId) => ledger.cachedSeq(eventId), store.db);
  // Joined once the sockets exist (below); `/health` asks it how room-wide messages travel.
  let cluster: Cluster | undefined;
  const messages = () => cluster?.status();
  const forwarder = config.UPLINK_URL && config.UPLINK_TOKEN && config.UPLINK_EVENT
    ? new UplinkForwarder({ db: store.db, feed, logger, url: config.UPLINK_URL, token: config.UPLINK_TOKEN, eventId: config.UPLINK_EVENT, retryMaxMs: config.UPLINK_RETRY_MAX_MS })
    : undefined;
  const app = createHttpApp({ db: store.db, uplink, forwarder: forwarder && (() => forwarder.state()), events, lifecycle, replays, booths, ledger, intake, adminAuth, sessions, accounts, consoleSessions: new ConsoleSessions(sessions, adminAuth, accounts), adminGuard, signInLimiter, screens, storeHealth, messages, programmes, freshness, baseUrl, logger, metrics, clientDist: deps.clientDist, trustProxy: config.TRUST_PROXY, hstsMaxAge: config.HSTS_MAX_AGE });
  httpServer.on('request', app);

  const io = new Server(httpServer, {
    serveClient: false,
    // A frozen or vanished peer is noticed within 10 s (defaults: 45 s); boards reconnect on their own side too.
    pingInterval: 5000,
    pingTimeout: 5000,
    maxHttpBufferSize: 16 * 1024,
    perMessageDeflate: false,
    httpCompression: false,
    cors: config.ALLOWED_ORIGINS.length ? { origin: config.ALLOWED_ORIGINS } : undefined,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req, config.ALLOWED_ORIGINS);
      callback(ok ? null : 'origin not allowed', ok);
    },
  });
  const maxUnsent = config.SOCKET_MAX_UNSENT_KB * 1024;
  capUnsentBytes(io, maxUnsent, (unsent) => logger.warn({ unsent }, 'socket dropped: its client stopped reading'));
  const addressOf = addressResolver(config.TRUST_PROXY);
  metrics.attach(io);
  const joined = (cluster = await joinCluster(io, { store, feed, ledger, logger, redisUrl: config.REDIS_URL }));
  const board = registerBoardNamespace(io, {
    db: store.db,
    events,
    ledger,
    feed,
    screens,
    intervalMs: config.BOARD_UPDATE_INTERVAL_MS,
    maxUnsent,
    admission: new BoardAdmission(config.BOARD_SOCKETS_PER_ADDRESS, config.BOARD_SOCKETS_MAX),
    addressOf: (socket) => addressOf(socket.request),
  });
  const programmeBoard = (late.programmeBoard = registerProgrammeNamespace(io, {
    db: store.db,
    events,
    ledger,
    programmes,
    freshness,
    feed,
    intervalMs: config.BOARD_UPDATE_INTERVAL_MS,
    admission: new BoardAdmission(config.BOARD_SOCKETS_PER_ADDRESS, config.BOARD_SOCKETS_MAX),
    addressOf: (socket) => addressOf(socket.request),
  }));
  registerOperatorNamespace(io, { db: store.db, events, booths, ledger, feed, intake, screens, storeHealth, logger });
  forwarder?.start();

  return {
    events,
    booths,
    ledger,
    programmes,
    feed,
    uplink,
    forwarder,
    io,
    httpApp: app,
    metrics,
    freshness,
    createdAdminToken: createdToken,
    baseUrl,
    async close() {
      replays.stopAll();
      await forwarder?.stop();
      uplinkFreshness?.close();
      await ledger.drain();
      await feed.idle();
      await joined.stopListening();
      board.close();
      programmeBoard.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await joined.close();
    },
  };
}
