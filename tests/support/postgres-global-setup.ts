import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's throwaway PostgreSQL; each test file makes its own database on it. */
    postgresUrl: string;
  }
}

/** One throwaway PostgreSQL cluster for the whole run, removed afterwards. */
export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.destroy();
}
