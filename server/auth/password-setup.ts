/**
 * Builds the password feature's server services: the password service
 * (policy, history, expiry) and the reset flow. `server/app.ts` builds them
 * once, in dependency order, before the app context exists: the password
 * service first (the sign-in gates need it), the reset flow after the
 * sign-in flow (a finished reset signs the user in).
 */
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { loadCommonPasswordBlocklist } from '../policy/blocklist';
import type { LockoutStore } from './lockout-store';
import { PasswordFlowTokens } from './password-flow-tokens';
import { PasswordService } from './password-service';
import type { PasswordHasher } from './passwords';
import { ResetFlow } from './reset-flow';
import type { ResetSecondFactor } from './reset-second-factor';
import type { SessionStore } from './sessions';
import type { SignInFlow } from './sign-in-flow';

/** What the routes (and the MFA feature) use. */
export interface PasswordServices {
  readonly passwords: PasswordService;
  readonly lockout: LockoutStore;
  readonly reset: ResetFlow;
}

/** Shared inputs of the password feature. */
export interface PasswordDeps {
  db: Db;
  clock: Clock;
  config: ServerConfig;
  hasher: PasswordHasher;
  sessions: SessionStore;
}

/** The password service, with the common-password blocklist and the portal's extra words. */
export function createPasswordService(deps: PasswordDeps): PasswordService {
  return new PasswordService({
    ...deps,
    blocklist: loadCommonPasswordBlocklist(deps.config.passwords.extraBlockedWords),
  });
}

/** The forgotten-password reset flow. */
export function createResetFlow(
  deps: PasswordDeps & {
    lockout: LockoutStore;
    passwords: PasswordService;
    signIn: SignInFlow;
    /** How the reset checks the second factor (the MFA feature's verifier). */
    secondFactor: ResetSecondFactor;
  },
): ResetFlow {
  return new ResetFlow({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    tokens: new PasswordFlowTokens(deps.db, deps.clock, deps.config.reset.flowTtlSeconds),
    lockout: deps.lockout,
    passwords: deps.passwords,
    signIn: deps.signIn,
    secondFactor: deps.secondFactor,
  });
}
