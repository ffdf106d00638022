import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openConfiguredStore } from './store/db.js';
import { createApplication } from './app.js';
import { seedDemo } from './seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  // A .env file in the working folder fills in settings not already in the environment.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
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
  const store = await openConfiguredStore(config);
  const server = http.createServer();
  const clientDist = config.CLIENT_DIST ?? path.resolve(here, '../../client/dist');
  const app = await createApplication(server, { config, store, logger, clientDist });
  const seeded = config.SEED_DEMO ? await seedDemo(app.events, app.booths) : undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const base = app.baseUrl();
  const where = config.DATABASE_URL ? `PostgreSQL ${redactUrl(config.DATABASE_URL)}` : path.resolve(config.DATA_DIR);
  const lines = [`Deal board listening on ${base}  (data: ${where})`];
  if (seeded || (await app.events.getEvent('demo'))) lines.push(`  Board / Layar:      ${base}/board/demo`);
  if (seeded) {
    for (const b of seeded.booths) lines.push(`  Booth / Stan:       ${b.name}\n                      ${base}/join/${b.token}`);
  }
  if (app.createdAdminToken) {
    lines.push(`  Admin token (shown once; only its hash is stored / ditampilkan sekali):\n                      ${app.createdAdminToken}`);
  }
  // Printed to stdout on purpose, not logged: the one time a person needs these secrets.
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining deals');
    server.close();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The database URL without its password, for the start-up line. */
function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
