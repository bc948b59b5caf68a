/**
 * The sign-in state machine. The password is always the first step; then
 * each gate may demand another step (second factor, enrollment, password
 * change: later issues) before a session is issued. A gate that demands a
 * step returns it with a `flowToken` bound to this attempt; the step's own
 * route continues the flow from that token. Until a gate exists, a correct
 * password completes the sign-in.
 */
import type { Db } from '../db';
import { portalError } from '../errors';
import type { PasswordHasher } from './passwords';
import type { IssuedSession, SessionStore } from './sessions';
import { findUserByUsername, toUserSummary, type UserRecord, type UserSummary } from './users';

/** The session as sent to the client. */
export interface SessionView {
  token: string;
  idleTimeoutSeconds: number;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

/** Sign-in finished: here is the session. */
export interface CompleteStep {
  step: 'complete';
  session: SessionView;
  user: UserSummary;
}

/** Another step is required; later issues add `'mfa' | 'enroll' | 'change_password'`. */
export interface PendingStep {
  step: string;
  /** Opaque, short-lived, bound to this sign-in attempt. */
  flowToken: string;
  [field: string]: unknown;
}

/** What `POST /auth/sign-in` answers. */
export type SignInStep = CompleteStep | PendingStep;

/**
 * Decides whether `user` must pass another step before getting a session.
 * Returns that step, or null to let the flow go on to the next gate.
 */
export type SignInGate = (user: UserRecord) => Promise<PendingStep | null>;

/** Dependencies of {@link SignInFlow}. */
export interface SignInFlowDeps {
  db: Db;
  hasher: PasswordHasher;
  sessions: SessionStore;
  /** Checked in order after a correct password; the first non-null step wins. */
  gates?: SignInGate[];
}

/** Maps an issued session to its wire form. */
export function toSessionView(session: IssuedSession): SessionView {
  return {
    token: session.token,
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
}

/** Runs sign-in attempts. */
export class SignInFlow {
  private readonly gates: SignInGate[];

  constructor(private readonly deps: SignInFlowDeps) {
    this.gates = [...(deps.gates ?? [])];
  }

  /** Adds a gate (e.g. the MFA issue registers its own). */
  addGate(gate: SignInGate): void {
    this.gates.push(gate);
  }

  /**
   * First step: username + password. Unknown users, wrong passwords and
   * disabled accounts all get the same `invalid_credentials`, after the same
   * Argon2 work.
   */
  async withPassword(username: string, password: string): Promise<SignInStep> {
    const user = await findUserByUsername(this.deps.db, username);
    const ok = user
      ? await this.deps.hasher.verify(user.passwordHash, password)
      : await this.deps.hasher.verifyDummy(password);
    if (!user || !ok || user.status !== 'active') throw portalError('invalid_credentials');
    return this.afterPassword(user);
  }

  /** Runs the gates; completes the sign-in when none demands a step. */
  private async afterPassword(user: UserRecord): Promise<SignInStep> {
    for (const gate of this.gates) {
      const step = await gate(user);
      if (step) return step;
    }
    return this.complete(user);
  }

  /** Issues a fresh session (never reuses one) and answers `complete`. */
  async complete(user: UserRecord): Promise<CompleteStep> {
    const session = await this.deps.sessions.create(user.id);
    return { step: 'complete', session: toSessionView(session), user: toUserSummary(user) };
  }
}
