import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.js';
import { loadEnvFile } from './env-file.js';
import { createLogger } from './logger.js';
import type { Store } from './store/db.js';
import { openConfiguredStore } from './store/open.js';
import { storeFaultCode } from './store/store-health.js';
import { withoutPassword } from './core/cluster-status.js';
import { createApplication, type Application } from './app.js';
import { seedDemo } from './seed.js';
import { loadExcel } from './reports/exports.js';
import { whenQuiet } from './core/when-quiet.js';
import { createServer, startRedirectServer } from './listen.js';
import { startMetricsServer } from './http/metrics.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  loadEnvFile();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // Whatever this process writes (the ledger, its journals, backups) is the server user's alone.
  process.umask(0o077);
  const store = await openLedger(config);
  logger.info(
    { deals: store.opened.deals, walReplayed: store.opened.walReplayed },
    store.opened.walReplayed
      ? `ledger recovered after an unclean stop (write-ahead log replayed, any damaged tail dropped): ${store.opened.deals} deals held`
      : `ledger opened: ${store.opened.deals} deals held`,
  );
  const { server, scheme } = createServer(config);
  const clientDist = config.CLIENT_DIST ?? path.resolve(here, '../../client/dist');
  const app = await createApplication(server, { config, store, logger, clientDist });
  const seeded = config.SEED_DEMO ? await seedDemo(app.events, app.booths) : undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const base = app.baseUrl();
  const where = config.DATABASE_URL ? `PostgreSQL ${withoutPassword(config.DATABASE_URL)}` : path.resolve(config.DATA_DIR);
  const lines = [`Deal board listening on ${base}  (data: ${where})`];
  if (config.REDIS_URL) lines.push(`  Between nodes:      Redis ${withoutPassword(config.REDIS_URL)} (screen commands, screens list)`);
  const extra = await startSideServers(config, app, scheme);
  lines.push(...extra.lines);
  const demo = seeded?.event ?? (await app.events.getEvent('demo'));
  // The console is where the organiser starts (events, booths, corrections): its address comes first.
  lines.push(`  Console / Konsol:   ${base}/admin`);
  if (demo) lines.push(`  Board / Layar:      ${base}/board/demo`);
  if (demo?.settings.stopAtEnd !== false && demo && Date.parse(demo.endsAt) < Date.now()) {
    lines.push(`  The demo's hour is over: deals are refused until its end time is moved (console, Acara) / Jam demo sudah lewat: ubah waktu selesai di konsol`);
  }
  // The demo booths' join links, on every start: they are kept sealed, so a restart does not lose them.
  const demoBooths = seeded ? seeded.booths : await demoJoinLinks(app);
  for (const b of demoBooths) lines.push(`  Booth / Stan:       ${b.name}\n                      ${base}/join/${b.token}`);
  if (app.createdAdminToken) {
    lines.push(`  Admin token (shown once; only its hash is stored / ditampilkan sekali):\n                      ${app.createdAdminToken}`);
  }
  // Printed to stdout on purpose, not logged: the one time a person needs these secrets.
  console.log(lines.join('\n'));
  // Before anyone exports, but only once deals have paused for a few seconds: a node restarted in
  // the middle of a rush would otherwise stall every ack and board update for the load's length.
  let heard = 0;
  app.feed.subscribe(() => void heard++);
  whenQuiet(() => app.ledger.stats.deals + heard, () => void loadExcel());

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining deals');
    server.close();
    for (const s of extra.servers) s.close();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The optional plain-http redirect and the separate metrics port. */
async function startSideServers(config: Config, app: Application, scheme: 'http' | 'https') {
  const servers = [];
  const lines: string[] = [];
  if (scheme === 'https' && config.HTTP_REDIRECT_PORT) {
    const target = new URL(app.baseUrl());
    servers.push(
      await startRedirectServer(config.HTTP_REDIRECT_PORT, config.HOST, (hostHeader) => {
        // The address the tablet typed, on the https port; PUBLIC_URL when set; never a foreign host.
        if (config.PUBLIC_URL) return target.origin;
        const host = hostHeader?.replace(/:\d+$/, '') ?? '';
        return /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])$/.test(host) ? `https://${host}:${target.port || 443}` : target.origin;
      }),
    );
    lines.push(`  http → https:       port ${config.HTTP_REDIRECT_PORT} redirects to ${target.origin}`);
  }
  if (config.METRICS_PORT) {
    servers.push(await startMetricsServer(app.metrics, config.METRICS_PORT, config.METRICS_HOST));
    lines.push(`  Metrics / Metrik:   http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics`);
  }
  return { servers, lines };
}

/**
 * Open the ledger, or stop with what to do: a read-only, full or damaged ledger is a matter for
 * the person starting the server, not a stack trace.
 */
async function openLedger(config: Config): Promise<Store> {
  const dataDir = config.DATA_DIR;
  try {
    return await openConfiguredStore(config);
  } catch (e) {
    const code = storeFaultCode(e);
    if (!code) throw e;
    if (config.DATABASE_URL) {
      console.error(
        `The ledger's PostgreSQL (DATABASE_URL=${withoutPassword(config.DATABASE_URL)}) cannot be used now (${code}). Check that it runs and takes connections, then start again.\n` +
          `  PostgreSQL buku besar tidak dapat dipakai sekarang. Pastikan server itu berjalan dan menerima koneksi, lalu jalankan lagi.`,
      );
      process.exit(1);
    }
    const where = `DATA_DIR=${path.resolve(dataDir)}`;
    const reason = e instanceof Error ? e.message : String(e);
    const damaged = /CORRUPT|NOTADB/.test(code);
    console.error(
      damaged
        ? `The ledger in ${where} is damaged or not a ledger (${code}: ${reason}).\n` +
            `  Restore the latest backup (npm run backup makes them) as ledger.sqlite in that folder, or move the damaged files away to start an empty ledger, then start again.\n` +
            `  Buku besar di ${where} rusak. Pulihkan cadangan terakhir sebagai ledger.sqlite di folder itu, atau pindahkan berkasnya untuk memulai buku besar kosong, lalu jalankan lagi.`
        : `The ledger in ${where} cannot be opened for writing (${code}: ${reason}).\n` +
            `  Make that folder and its ledger.sqlite* files writable with free space, or set DATA_DIR to a folder that is, then start again.\n` +
            `  Buku besar di ${where} tidak dapat ditulis. Pastikan folder itu dan berkas ledger.sqlite* dapat ditulis dan disknya tidak penuh, atau atur DATA_DIR ke folder lain, lalu jalankan lagi.`,
    );
    process.exit(1);
  }
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});

/** The demo event's active booths with a join link that can be recovered (none when there is no demo event). */
async function demoJoinLinks(app: Application): Promise<{ name: string; token: string }[]> {
  if (!(await app.events.getEvent('demo'))) return [];
  const out = [];
  for (const b of await app.booths.list('demo')) {
    const token = b.revoked ? undefined : await app.booths.joinToken('demo', b.id);
    if (token) out.push({ name: b.name, token });
  }
  return out;
}
