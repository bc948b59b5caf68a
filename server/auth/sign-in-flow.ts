/**
 * The sign-in state machine. The password is always the first step; then
 * each gate may demand another step (activation/enrollment, second factor,
 * backup codes, security questions, password change) before a session is
 * issued. A gate that demands a step returns it with a `flowToken` bound to
 * this attempt (stored hashed in `sign_in_flows`); the step's own route
 * continues the flow with {@link SignInFlow.resume}, which runs the gates
 * again: whatever is still missing comes next, in gate order. Until a gate
 * demands something, a correct password completes the sign-in.
 *
 * Gate order (shared by the second-factor and password features): enroll 10, mfa 20, backup_codes 30,
 * security_questions 40, change_password 50. Gates flagged `activation` form
 * the ordered "activation steps" list clients show as progress.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { portalError } from '../errors';
import type { PortalError } from '../errors';
import type { FailureKind } from '../policy/lockout';
import { recordAuditEvent } from './password-audit';
import type { PasswordHasher } from './passwords';
import type { IssuedSession, SessionStore } from './sessions';
import { newToken, tokenDigest, TOKEN_PATTERN } from './tokens';
import { findUserById, findUserByUsername, toUserSummary, type UserRecord, type UserSummary } from './users';

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
  [field: string]: unknown;
}

/** Another step is required: `'enroll' | 'mfa' | 'backup_codes' | 'security_questions' | 'change_password'`. */
export interface PendingStep {
  step: string;
  /** Opaque, short-lived, bound to this sign-in attempt. */
  flowToken: string;
  [field: string]: unknown;
}

/** What `POST /auth/sign-in` answers. */
export type SignInStep = CompleteStep | PendingStep;

/** What a gate knows about the sign-in attempt it is judging. */
export interface FlowContext {
  /** Null until a gate has asked for a token (the password step of a plain sign-in). */
  readonly flowId: string | null;
  /** True once this attempt passed a second factor (or enrolled one). */
  readonly factorVerified: boolean;
  /** Random id of the client install (remember-me is bound to it). */
  readonly installId: string | null;
  /** Remember-me token the client sent with the password (password step only). */
  readonly rememberToken: string | null;
  /** The flow token of this attempt (issued and stored on first use). */
  token(): Promise<string>;
  /** Password step only: the remembered install counts as a passed second factor. */
  acceptRemembered(): void;
}

/**
 * Decides whether `user` must pass another step before getting a session.
 * Returns that step, or null to let the flow go on to the next gate. Gates
 * must not change anything: they run again on every resume.
 */
export type SignInGate = (user: UserRecord, flow: FlowContext) => Promise<PendingStep | null>;

/** Where a gate sits. */
export interface GateOptions {
  /** The step name it demands (for the activation list). */
  name: string;
  /** Lower runs first (see the table in the file header). */
  order: number;
  /** Part of first-sign-in activation (listed to clients as progress). */
  activation?: boolean;
}

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
  /** Checked in order after a correct password; the first non-null step wins. */
  gates?: SignInGate[];
  /** Account lockout (checked before the password; told of failures and completions). */
  lockout?: SignInLockout;
}

/** What the flow needs from the `LockoutStore` (`server/auth/lockout-store.ts`). */
export interface SignInLockout {
  /** Throws `423 locked` while the account (known or not) is locked. */
  assertNotLocked(username: string): Promise<void>;
  /** Stores a failure; returns the error to throw (`locked`, or `fallback` + `attemptsLeft`). */
  recordFailure(username: string, kind: FailureKind, fallback: PortalError): Promise<PortalError>;
  /** A finished sign-in: earlier failures no longer count. */
  recordSuccess(username: string): Promise<void>;
}

/** Extra, optional inputs of the password step. */
export interface PasswordStepExtras {
  installId?: string;
  rememberToken?: string;
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

interface RegisteredGate extends GateOptions {
  gate: SignInGate;
}

interface FlowRow {
  id: string;
  user_id: string;
  install_id: string | null;
  factor_verified: boolean;
}

/** Runs sign-in attempts. */
export class SignInFlow {
  private readonly gates: RegisteredGate[] = [];

  constructor(private readonly deps: SignInFlowDeps) {
    (deps.gates ?? []).forEach((gate, i) => this.addGate(gate, { name: `gate-${i}`, order: 100 + i }));
  }

  /** Adds a gate; gates run by `order` (see the file header). */
  addGate(gate: SignInGate, options: GateOptions = { name: 'gate', order: 1000 }): void {
    this.gates.push({ ...options, gate });
    this.gates.sort((a, b) => a.order - b.order);
  }

  /** The ordered activation steps (what a new user goes through). */
  activationSteps(): string[] {
    return this.gates.filter((g) => g.activation).map((g) => g.name);
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
    // While locked even the correct password is refused (same answer for unknown names).
    await this.deps.lockout?.assertNotLocked(username);
    const user = await findUserByUsername(this.deps.db, username);
    const ok = user
      ? await this.deps.hasher.verify(user.passwordHash, password)
      : await this.deps.hasher.verifyDummy(password);
    if (!user || !ok || user.status !== 'active') {
      // Unknown names are recorded too (as typed, no user id): the activity
      // log shows guessing. Never the password.
      await recordAuditEvent(this.deps.db, {
        at: this.now(),
        actor: username,
        userId: user?.id ?? null,
        type: 'sign_in_failed',
        detail: { reason: user && ok ? 'disabled' : 'wrong_credentials' },
      });
      const error = portalError('invalid_credentials');
      throw this.deps.lockout ? await this.deps.lockout.recordFailure(username, 'password', error) : error;
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
        issued ??= await this.createFlow(user.id, extras.installId ?? null, verified);
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
    const { row, token } = await this.findFlow(flowToken);
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
    await this.deps.db.query('UPDATE sign_in_flows SET factor_verified = true WHERE id = $1', [flowId]);
  }

  /**
   * Continues a flow after a step's route did its work: answers the next
   * step (same flow token) or completes the sign-in exactly once (a second
   * concurrent completion gets `flow_expired`).
   */
  async resume(flowToken: unknown): Promise<SignInStep> {
    const { row, token } = await this.findFlow(flowToken);
    const user = await findUserById(this.deps.db, row.user_id);
    if (!user || user.status !== 'active') throw flowExpired();
    const step = await this.nextStep(user, this.contextFor(row, token));
    if (step) return step;
    const done = await this.deps.db.query(
      'UPDATE sign_in_flows SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL',
      [row.id, this.now()],
    );
    if (done.rowCount !== 1) throw flowExpired();
    return this.complete(user);
  }

  /** Ends a flow (sign-in abandoned or finished elsewhere). */
  async abandon(flowId: string): Promise<void> {
    await this.deps.db.query(
      'UPDATE sign_in_flows SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL',
      [flowId, this.now()],
    );
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
    for (const registered of this.gates) {
      const step = await registered.gate(user, context);
      if (step) return registered.activation ? { ...step, activation: this.activationSteps() } : step;
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

  private async createFlow(
    userId: string,
    installId: string | null,
    factorVerified: boolean,
  ): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    const token = newToken();
    const now = this.now();
    const expires = new Date(now.getTime() + (this.deps.flowTtlSeconds ?? 1800) * 1000);
    await this.deps.db.query(
      `INSERT INTO sign_in_flows (id, token_hash, user_id, install_id, factor_verified, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, tokenDigest(token), userId, installId, factorVerified, now, expires],
    );
    return { id, token };
  }

  private async findFlow(flowToken: unknown): Promise<{ row: FlowRow; token: string }> {
    if (typeof flowToken !== 'string' || !TOKEN_PATTERN.test(flowToken)) throw flowExpired();
    const found = await this.deps.db.query<FlowRow>(
      `SELECT id, user_id, install_id, factor_verified FROM sign_in_flows
       WHERE token_hash = $1 AND completed_at IS NULL AND expires_at > $2`,
      [tokenDigest(flowToken), this.now()],
    );
    const row = found.rows[0];
    if (!row) throw flowExpired();
    return { row, token: flowToken };
  }

  private now(): Date {
    return this.deps.clock?.now() ?? new Date();
  }
}

function flowExpired() {
  return portalError('flow_expired', 'This sign-in has expired. Please sign in again.');
}
