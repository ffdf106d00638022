import { inject } from 'vitest';
import { createDatabaseAt } from './postgres.js';

declare module 'vitest' {
  /** Given by postgres-global-setup.ts: the throwaway cluster's URL. Declared here too, for whatever compiles this file alone. */
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Which store the suites run against: the same test files run once on SQLite
 * (the `unit` and `integration` projects) and once on PostgreSQL (the `postgres`
 * project sets TEST_STORE=postgres and starts one throwaway cluster per run).
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh, empty PostgreSQL database of this run's cluster. */
export function freshDatabaseUrl(): Promise<string> {
  return createDatabaseAt(inject('postgresUrl'));
}
