import { availableParallelism } from 'node:os';
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
    // Files share a worker's module cache instead of importing the server,
    // fastify and PGlite afresh for each file (about a third of the run's
    // time). Every file builds its own portal, database and clock, and the
    // stubs below are undone after each test; the suite is also run in
    // shuffled file orders (\`npm run test:repeat -- --shuffle\`) to show that
    // no file depends on another's leftovers.
    isolate: false,
    unstubGlobals: true,
    unstubEnvs: true,
    // Vitest's default is one worker fewer than the cores: one worker on a
    // 2-core machine. Most files spend their time waiting on sockets, child
    // processes and the database, so a worker per core keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    // A throwaway PostgreSQL so the server suites also run against it, and
    // one migrated PGlite cluster that test portals start from, and the
    // built admin CLI (out/server/cli.js) the CLI tests spawn.
    globalSetup: ['tests/setup/postgres.ts', 'tests/setup/pglite.ts', 'tests/setup/portal-cli.ts'],
  },
});
