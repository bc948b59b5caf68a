/** AuthState fixtures for main-process tests: the demo user on https://portal.example, with the fields a test cares about overridden. */
import type { AuthState, SignedOutReason, UserSummary } from '../../common/contract';

type SignedIn = Extract<AuthState, { status: 'signed-in' }>;
type SignedOut = Extract<AuthState, { status: 'signed-out' }>;

/** Signed in as `demo`; `user` fields merge into the default user. */
export function signedInState(overrides: { user?: Partial<UserSummary>; idleExpiresAt?: string; portalUrl?: string } = {}): SignedIn {
  return {
    status: 'signed-in',
    portalUrl: overrides.portalUrl ?? 'https://portal.example',
    user: { username: 'demo', displayName: 'Demo', roles: [], ...overrides.user },
    idleExpiresAt: overrides.idleExpiresAt ?? '2026-05-01T10:00:00.000Z',
  };
}

/** Signed out for `reason`, remembering `lastUsername` (none by default). */
export function signedOutState(reason: SignedOutReason, lastUsername = ''): SignedOut {
  return { status: 'signed-out', portalUrl: 'https://portal.example', lastUsername, reason };
}
