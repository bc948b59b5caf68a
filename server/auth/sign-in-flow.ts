/**
 * The sign-in state machine. The password is always the first step; then
 * each gate may demand another step (activation/enrollment, second factor,
 * backup codes, security questions, password change) before a session is
 * issued. A gate that demands a step returns it with a `flowToken` bound to
 * this attempt (stored hashed in `sign_in_flows`, see
 * `sign-in-flows-store.ts`); the step's own route continues the flow with
 * {@link SignInFlow.resume}, which runs the gates again: whatever is still
 * missing comes next, in gate order. Until a gate demands something, a
 * correct password completes the sign-in.
 *
 * The gates and their order are one list, `server/sign-in-gates.ts`, given
 * to the constructor. Gates flagged `activation` form the ordered
 * "activation steps" list clients show as progress.
 */
import type { Clock } from '../clock';
import type { Db } from '../db';
import { portalError } from '../errors';
import type { PortalError } from '../errors';
import type { FailureKind } from '../policy/lockout';
import type { GuardVerdict } from './lockout-store';
import { recordAuditEvent } from './password-audit';
import type { PasswordHasher } from './passwords';
import type { SessionStore } from './sessions';
import { expiredTemporaryPassword } from './temporary-password';
import {
  createFlow,
  finishFlow,
  findLiveFlow,
  flowExpired,
  markFlowFactorVerified,
  reopenFlow,
  type FlowRow,
} from './sign-in-flows-store';
import {
  toSessionView,
  type CompleteStep,
  type DeclaredGate,
  type FlowContext,
  type PendingStep,
  type SignInStep,
} from './sign-in-steps';
import { findUserById, findUserByUsername, toUserSummary, type UserRecord } from './users';

/** A live flow, as loaded from its token. */
export interface LoadedFlow {
  flowId: string;
  user: UserRecord;
  factorVerified: boolean;
  installId: string | null;
  /** The step the flow is waiting for (`complete` when nothing is left). */
  step: string;
}

/** Dependencies of {@link SignInFlow}. */
export interface SignInFlowDeps {
  db: Db;
  hasher: PasswordHasher;
  sessions: SessionStore;
  clock?: Clock;
  /** How long one sign-in (with its activation steps) may take; default 1800 s. */
  flowTtlSeconds?: number;
  /**
   * Checked in this order after a correct password; the first non-null step
   * wins. The portal's list is `server/sign-in-gates.ts`.
   */
  gates: readonly DeclaredGate[];
  /** Account lockout (checked before the password; told of failures and completions). */
  lockout?: SignInLockout;
}

/** What the flow needs from the `LockoutStore` (`server/auth/lockout-store.ts`). */
export interface SignInLockout {
  /**
   * Reserves the guess (`423 locked` while the account, known or not, is
   * locked), runs `check`, and counts it as a failure when `verdict` answers
   * an error (thrown as `locked`, or with `attemptsLeft`).
   */
  guard<T>(username: string, kind: FailureKind, check: () => Promise<T>, verdict: GuardVerdict<T>): Promise<T>;
  /** A finished sign-in: earlier failures no longer count. */
  recordSuccess(username: string): Promise<void>;
}

/** Extra, optional inputs of the password step. */
export interface PasswordStepExtras {
  installId?: string;
  rememberToken?: string;
}

/** Runs sign-in attempts. */
export class SignInFlow {
  private readonly gates: readonly DeclaredGate[];
  private readonly activation: readonly string[];

  constructor(private readonly deps: SignInFlowDeps) {
    // A copy: the order is fixed once the flow exists.
    this.gates = Object.freeze([...deps.gates]);
    this.activation = Object.freeze(this.gates.filter((g) => g.activation).map((g) => g.name));
  }

  /** The ordered activation steps (what a new user goes through). */
  activationSteps(): string[] {
    return [...this.activation];
  }

  /**
   * First step: username + password. Unknown users, wrong passwords and
   * disabled accounts all get the same `invalid_credentials`, after the same
   * Argon2 work.
   */
  async withPassword(
    username: string,
    password: string,
    extras: PasswordStepExtras = {},
  ): Promise<SignInStep> {
    // While locked even the correct password is refused (same answer for
    // unknown names); the guess is reserved before it is checked.
    const user = await findUserByUsername(this.deps.db, username);
    const check = async (): Promise<boolean> =>
      user ? this.deps.hasher.verify(user.passwordHash, password) : this.deps.hasher.verifyDummy(password);
    const verdict = async (ok: boolean): Promise<PortalError | null> => {
      if (user && ok && user.status === 'active') return null;
      // Unknown names are recorded too (as typed, no user id): the activity
      // log shows guessing. Never the password.
      await recordAuditEvent(this.deps.db, {
        at: this.now(),
        actor: username,
        userId: user?.id ?? null,
        type: 'sign_in_failed',
        detail: { reason: user && ok ? 'disabled' : 'wrong_credentials' },
      });
      return portalError('invalid_credentials');
    };
    const { lockout } = this.deps;
    if (lockout) {
      await lockout.guard(username, 'password', check, verdict);
    } else {
      const failure = await verdict(await check());
      if (failure) throw failure;
    }
    if (!user) throw portalError('invalid_credentials');
    // A correct temporary password past its expiry opens nothing (only
    // someone who knows it learns that it expired).
    const expired = await expiredTemporaryPassword(this.deps.db, user.id, this.now());
    if (expired) {
      await recordAuditEvent(this.deps.db, {
        at: this.now(),
        actor: username,
        userId: user.id,
        type: 'sign_in_failed',
        detail: { reason: 'temporary_password_expired' },
      });
      throw expired;
    }
    return this.afterPassword(user, extras);
  }

  /** Runs the gates after a password already checked by the caller (e.g. a reset flow). */
  async afterPassword(user: UserRecord, extras: PasswordStepExtras = {}): Promise<SignInStep> {
    let issued: { id: string; token: string } | null = null;
    let verified = false;
    const context: FlowContext = {
      get flowId() {
        return issued?.id ?? null;
      },
      get factorVerified() {
        return verified;
      },
      installId: extras.installId ?? null,
      rememberToken: extras.rememberToken ?? null,
      token: async () => {
        issued ??= await this.startFlow(user.id, extras.installId ?? null, verified);
        return issued.token;
      },
      acceptRemembered: () => {
        verified = true;
      },
    };
    const step = await this.nextStep(user, context);
    if (step) return step;
    return this.complete(user);
  }

  /**
   * Loads the flow behind `flowToken` and the step it waits for. Unknown,
   * expired or finished flows answer `401 flow_expired`.
   */
  async load(flowToken: unknown): Promise<LoadedFlow> {
    const { row, token } = await findLiveFlow(this.deps.db, flowToken, this.now());
    const user = await findUserById(this.deps.db, row.user_id);
    if (!user || user.status !== 'active') throw flowExpired();
    const step = await this.nextStep(user, this.contextFor(row, token));
    return {
      flowId: row.id,
      user,
      factorVerified: row.factor_verified,
      installId: row.install_id,
      step: step?.step ?? 'complete',
    };
  }

  /** Records that this attempt passed a second factor. */
  async markFactorVerified(flowId: string): Promise<void> {
    await markFlowFactorVerified(this.deps.db, flowId);
  }

  /**
   * Continues a flow after a step's route did its work: answers the next
   * step (same flow token) or completes the sign-in exactly once (a second
   * concurrent completion gets `flow_expired`).
   */
  async resume(flowToken: unknown): Promise<SignInStep> {
    const { row, token } = await findLiveFlow(this.deps.db, flowToken, this.now());
    const user = await findUserById(this.deps.db, row.user_id);
    if (!user || user.status !== 'active') throw flowExpired();
    const step = await this.nextStep(user, this.contextFor(row, token));
    if (step) return step;
    if (!(await finishFlow(this.deps.db, row.id, this.now()))) throw flowExpired();
    return this.complete(user);
  }

  /**
   * Ends a flow by doing `work` exactly once: the flow is ended first, so of
   * simultaneous calls only one runs `work` (the others get `flow_expired`);
   * if `work` throws (e.g. a refused new password) the flow is live again.
   */
  async endWith<T>(flowId: string, work: () => Promise<T>): Promise<T> {
    const at = this.now();
    if (!(await finishFlow(this.deps.db, flowId, at))) throw flowExpired();
    try {
      return await work();
    } catch (error) {
      await reopenFlow(this.deps.db, flowId, at);
      throw error;
    }
  }

  /** Ends a flow (sign-in abandoned or finished elsewhere). */
  async abandon(flowId: string): Promise<void> {
    await finishFlow(this.deps.db, flowId, this.now());
  }

  /** Issues a fresh session (never reuses one) and answers `complete`. */
  async complete(user: UserRecord): Promise<CompleteStep> {
    // Only a finished sign-in resets the failure count, not a right password
    // followed by wrong codes.
    await this.deps.lockout?.recordSuccess(user.username);
    const session = await this.deps.sessions.create(user.id);
    await recordAuditEvent(this.deps.db, {
      at: this.now(),
      actor: user.username,
      userId: user.id,
      type: 'sign_in',
    });
    return { step: 'complete', session: toSessionView(session), user: toUserSummary(user) };
  }

  private async nextStep(user: UserRecord, context: FlowContext): Promise<PendingStep | null> {
    for (const gate of this.gates) {
      const step = await gate.check(user, context);
      if (step) return gate.activation ? { ...step, activation: this.activationSteps() } : step;
    }
    return null;
  }

  private contextFor(row: FlowRow, token: string): FlowContext {
    return {
      flowId: row.id,
      factorVerified: row.factor_verified,
      installId: row.install_id,
      rememberToken: null,
      token: async () => token,
      // Remember-me is only offered with the password; a resumed flow already knows.
      acceptRemembered: () => {},
    };
  }

  private startFlow(userId: string, installId: string | null, factorVerified: boolean) {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + (this.deps.flowTtlSeconds ?? 1800) * 1000);
    return createFlow(this.deps.db, { userId, installId, factorVerified, now, expiresAt });
  }

  private now(): Date {
    return this.deps.clock?.now() ?? new Date();
  }
}
