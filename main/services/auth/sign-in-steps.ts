/**
 * The client's sign-in flow, as types: the portal answers a password with
 * the next required step, one of the `SignInStep` union below (its body
 * checked against that step's schema), and the flow's handler for that step
 * turns it into the `AuthState` the renderer shows. The table of handlers is
 * declared once, where the services are wired (`../core/sign-in-flow.ts`).
 */
import type { z } from 'zod';
import type { SignInStepName, SignInStepStates } from '../../../common/contract';
import { PortalError } from '../core/errors';
import { backupStepSchema, enrollStepSchema, mfaStepSchema } from './mfa/mfa-schemas';
import { changePasswordStepSchema, securityQuestionsStepSchema } from '../../../common/api';

/** A sign-in waiting for a further step (second factor, activation, password change). */
export interface PendingSignIn {
  portalUrl: string;
  username: string;
  /** Bound to this attempt by the portal; never leaves main. */
  flowToken: string;
}

/** The schema of each step's body (hostile input: typed and bounded before a handler sees it). */
const stepSchemas = {
  enroll: enrollStepSchema,
  mfa: mfaStepSchema,
  security_questions: securityQuestionsStepSchema,
  backup_codes: backupStepSchema,
  change_password: changePasswordStepSchema,
} as const satisfies Record<SignInStepName, z.ZodType>;

/** A step the portal answered, with its checked body. */
export type SignInStep = { [K in SignInStepName]: { step: K; body: z.output<(typeof stepSchemas)[K]> } }[SignInStepName];

/** The checked body of step `K`. */
export type SignInStepBody<K extends SignInStepName> = Extract<SignInStep, { step: K }>['body'];

/** The handler of each step: every step has one, or the table does not compile. */
export type SignInStepHandlers = {
  [K in SignInStep['step']]: (pending: PendingSignIn, body: SignInStepBody<K>) => SignInStepStates[K];
};

/** Extra fields sent with the password (second factor: install id and remember-me token). */
export type SignInExtras = (portalUrl: string, username: string) => Record<string, string>;

/** Told about every completed sign-in with the raw answer (the MFA service keeps the remember-me token). */
export type SignInCompleteListener = (portalUrl: string, username: string, body: Record<string, unknown>) => void;

/** Everything the session needs to take a sign-in past the password. */
export interface SignInFlow {
  steps: SignInStepHandlers;
  extras: SignInExtras;
  completed: SignInCompleteListener;
}

/** Every step this client knows, in the portal's gate order. */
export const SIGN_IN_STEPS = Object.keys(stepSchemas) as SignInStepName[];

/** True for the name of a step this client knows (`step` is hostile: no prototype keys). */
export function isSignInStepName(name: string): name is SignInStepName {
  return Object.hasOwn(stepSchemas, name);
}

/** Checks a step's body against its schema; throws a `PortalError` when it does not fit. */
export function readSignInStep(name: SignInStepName, body: Record<string, unknown>): SignInStep {
  const parsed = stepSchemas[name].safeParse(body);
  if (!parsed.success) throw new PortalError('portal_error', 'The portal sent an answer Portico does not understand.');
  return { step: name, body: parsed.data } as SignInStep;
}

/** Hands the step to its handler. */
export function runSignInStep(steps: SignInStepHandlers, pending: PendingSignIn, step: SignInStep): SignInStepStates[SignInStepName] {
  switch (step.step) {
    case 'enroll':
      return steps.enroll(pending, step.body);
    case 'mfa':
      return steps.mfa(pending, step.body);
    case 'backup_codes':
      return steps.backup_codes(pending, step.body);
    case 'security_questions':
      return steps.security_questions(pending, step.body);
    case 'change_password':
      return steps.change_password(pending, step.body);
    default:
      return unreachable(step);
  }
}

/** Only compiles while the switch above handles every step. */
function unreachable(step: never): never {
  throw new PortalError('portal_error', 'The portal sent an answer Portico does not understand.', { step: String((step as { step?: unknown }).step) });
}
