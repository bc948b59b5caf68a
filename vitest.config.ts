import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'tests/electron/**', 'node_modules/**'],
    testTimeout: 20_000,
    // Test portals check every answer against its common/api response schema.
    env: { PORTICO_CHECK_RESPONSES: '1' },
    hookTimeout: 60_000,
    pool: 'forks',
    // A throwaway PostgreSQL so the server suites also run against it, and
    // one migrated PGlite cluster that test portals start from.
    globalSetup: ['tests/setup/postgres.ts', 'tests/setup/pglite.ts'],
  },
});
