/**
 * Builds the password feature's server services from the app context: the
 * password service (policy, history, expiry), the lockout store, the reset
 * flow and the sign-in gates. `server/app.ts` calls {@link setupPasswords} once.
 */
import type { AppContext } from '../app-context';
import { loadCommonPasswordBlocklist } from '../policy/blocklist';
import type { LockoutStore } from './lockout-store';
import { registerPasswordGates, type PasswordGates } from './password-gates';
import { PasswordFlowTokens } from './password-flow-tokens';
import { PasswordService } from './password-service';
import { ResetFlow } from './reset-flow';
import { noSecondFactor, type ResetSecondFactor } from './reset-second-factor';

/** What the routes (and the MFA feature) use. */
export interface PasswordServices {
  passwords: PasswordService;
  lockout: LockoutStore;
  reset: ResetFlow;
  gates: PasswordGates;
  /** The MFA feature registers how a reset checks the second factor. */
  setResetSecondFactor(verifier: ResetSecondFactor): void;
}

/** Creates the services and registers the gates on `ctx.signIn`. */
export function setupPasswords(ctx: AppContext, lockout: LockoutStore): PasswordServices {
  const passwords = new PasswordService({
    db: ctx.db,
    clock: ctx.clock,
    hasher: ctx.hasher,
    sessions: ctx.sessions,
    config: ctx.config,
    blocklist: loadCommonPasswordBlocklist(ctx.config.passwords.extraBlockedWords),
  });
  let secondFactor: ResetSecondFactor = noSecondFactor;
  const reset = new ResetFlow({
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    hasher: ctx.hasher,
    tokens: new PasswordFlowTokens(ctx.db, ctx.clock, ctx.config.reset.flowTtlSeconds),
    lockout,
    passwords,
    signIn: ctx.signIn,
    secondFactor: () => secondFactor,
  });
  const gates = registerPasswordGates(ctx.signIn, ctx.db, passwords);
  return {
    passwords,
    lockout,
    reset,
    gates,
    setResetSecondFactor: (verifier) => {
      secondFactor = verifier;
    },
  };
}
