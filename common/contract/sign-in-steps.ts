/**
 * The steps a portal can answer a correct password with before it issues a
 * session (its gates, `server/sign-in-gates.ts`), and the `AuthState` each
 * one is shown as. Main has one handler per step (`main/services/core/sign-in-flow.ts`),
 * the renderer one screen per state (`App.tsx`). Types only (see `../contract.ts`).
 */
import type { MfaAuthState } from './mfa-steps';
import type { PasswordAuthState } from './passwords';

/** Each sign-in step the portal may send, by its name on the wire, and the state it becomes. */
export interface SignInStepStates {
  enroll: Extract<MfaAuthState, { status: 'enroll' }>;
  mfa: Extract<MfaAuthState, { status: 'second-factor' }>;
  backup_codes: Extract<MfaAuthState, { status: 'backup-codes' }>;
  security_questions: Extract<PasswordAuthState, { status: 'security-questions' }>;
  change_password: Extract<PasswordAuthState, { status: 'change-password' }>;
}

/** A sign-in step's name as the portal sends it (`step`), also the names in `activation`. */
export type SignInStepName = keyof SignInStepStates;

/** The `AuthState` of a sign-in that waits for one more step. */
export type SignInStepState = SignInStepStates[SignInStepName];
