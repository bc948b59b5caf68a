import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'tests/electron/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A throwaway PostgreSQL so the server suites also run against it, and
    // one migrated PGlite cluster that test portals start from, and the
    // built admin CLI (out/server/cli.js) the CLI tests spawn.
    globalSetup: ['tests/setup/postgres.ts', 'tests/setup/pglite.ts', 'tests/setup/portal-cli.ts'],
  },
});
