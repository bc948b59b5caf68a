/**
 * What a sign-in answers, and what a gate is. The gates themselves live with
 * their features (`auth/password-gates.ts`, `mfa/gates.ts`); their order is
 * the one list in `server/sign-in-gates.ts`.
 */
import type { IssuedSession } from './sessions';
import type { UserRecord, UserSummary } from './users';

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

/** Maps an issued session to its wire form. */
export function toSessionView(session: IssuedSession): SessionView {
  return {
    token: session.token,
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
}

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

/** One entry of the ordered gate list. */
export interface DeclaredGate {
  /** The step name it demands (for the activation list). */
  readonly name: string;
  /** Part of first-sign-in activation (listed to clients as progress). */
  readonly activation?: boolean;
  readonly check: SignInGate;
}
