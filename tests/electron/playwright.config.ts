import { defineConfig } from '@playwright/test';

/** Electron-only specs; started by tests/electron/run.mjs when the binary exists. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 60_000,
  forbidOnly: true,
  reporter: [['list']],
});
