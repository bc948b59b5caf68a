/**
 * Helpers for the second-factor route tests (see `mfa-harness.ts`), plus the
 * portal shared by a `describe` block.
 */
import type { DeepPartial, ServerConfig } from '../../../server/config';
import { type Backend, useSuiteFixture } from '../helpers';
import { startMfaPortal, type MfaPortal } from './mfa-harness';

export * from './mfa-harness';

/** A {@link startMfaPortal} portal for one `describe` block (see `useSuiteFixture`). */
export function useMfaPortal(backend: Backend, config: DeepPartial<ServerConfig> = {}): MfaPortal {
  return useSuiteFixture(() => startMfaPortal(backend, config));
}
