import type { Store } from './db.js';
import { openPostgresStore } from './postgres.js';
import { openStore } from './sqlite.js';

/** The store the settings name: PostgreSQL when `DATABASE_URL` is set, else SQLite in `DATA_DIR`. */
export function openConfiguredStore(settings: { DATA_DIR: string; DATABASE_URL?: string }): Promise<Store> {
  return settings.DATABASE_URL ? openPostgresStore(settings.DATABASE_URL) : openStore(settings.DATA_DIR);
}

