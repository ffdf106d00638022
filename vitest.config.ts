import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One runner for every suite, so `npm test` prints one summary.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'shared/src/**/*.test.ts', 'server/src/**/*.test.ts'],
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: ['client/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/cluster.test.ts', 'tests/integration/ledger-race.test.ts', 'tests/integration/programme-cluster.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The ledger's rules and the core suites again, unchanged, on PostgreSQL: one throwaway
        // cluster per run, a fresh database per store the tests open.
        test: {
          name: 'postgres',
          environment: 'node',
          include: [
            'server/src/ledger/batch/ledger.test.ts',
            'server/src/ledger/booths/booths-repo.test.ts',
            'tests/integration/api.test.ts',
            'tests/integration/realtime.test.ts',
            'tests/integration/admin.test.ts',
            'tests/integration/accounts.test.ts',
            'tests/integration/session-race.test.ts',
            'tests/integration/join-cards.test.ts',
            'tests/integration/wire.test.ts',
            'tests/integration/rehearsal.test.ts',
            'tests/integration/booth-removal.test.ts',
            'tests/integration/end-of-hour.test.ts',
            'tests/integration/mou-buyer.test.ts',
            'tests/integration/replay.test.ts',
            'tests/integration/money-exact.test.ts',
            'tests/integration/cluster.test.ts',
            'tests/integration/ledger-race.test.ts',
            'server/src/ledger/feed/change-feed.test.ts',
            'tests/integration/screen-mode.test.ts',
            'tests/integration/programme.test.ts',
            'tests/integration/programme-cluster.test.ts',
            'tests/integration/uplink-apply.test.ts',
            'tests/integration/uplink-chaos.test.ts',
          ],
          env: { TEST_STORE: 'postgres' },
          globalSetup: ['tests/support/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
