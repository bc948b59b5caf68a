/**
 * Test helpers: each test file starts its own portal (see `portal-harness.ts`)
 * and shares it across a `describe` block with the fixtures below.
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestPortal, type Backend, type TestPortal, type TestPortalOptions } from './portal-harness';

export * from './portal-harness';

/**
 * Something a whole `describe` block shares: started before its tests and
 * cleaned up after. The returned object reads through to the running value,
 * so a suite uses it like the value itself (`portal.post(...)`).
 */
export function useSuiteFixture<T extends { cleanup(): Promise<void> }>(start: () => Promise<T>): T {
  let running: T | null = null;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running?.cleanup();
    running = null;
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!running)
        throw new Error(
          `Suite fixture used outside its suite (reading ${String(key)} before beforeAll or after afterAll).`,
        );
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
}

/** A {@link startTestPortal} portal for one `describe` block (see {@link useSuiteFixture}). */
export function useTestPortal(backend: Backend, options: TestPortalOptions = {}): TestPortal {
  return useSuiteFixture(() => startTestPortal(backend, options));
}
