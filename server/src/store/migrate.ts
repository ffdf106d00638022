import { Migrator } from 'kysely';
import type { Db, Dialect } from './db.js';
import { migrationProvider } from './migrations.js';

/** Bring a freshly opened store to the latest migration (either opener calls it); a failure closes the handle and names the migration. */
export async function migrate(db: Db, dialect: Dialect) {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}

/** Deals held, for the start's log line. */
export async function countDeals(db: Db): Promise<number> {
  const { n } = await db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

