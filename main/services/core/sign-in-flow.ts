/**
 * The client's sign-in flow, declared in one place: which service handles
 * each step the portal can answer a password with, what is sent along with
 * the password, and who hears of a completed sign-in. Built where the
 * services are wired (`main/compose.ts`); the table must name a handler for
 * every step of `SignInStep` or it does not compile.
 */
import type { MfaService } from '../auth/mfa/mfa-service';
import { changePasswordStep, securityQuestionsStep } from '../auth/password-steps';
import type { SignInFlow, SignInStepHandlers } from '../auth/sign-in-steps';

/** The services that take part in sign-in, as the flow uses them (the password steps need none). */
export interface SignInServices {
  mfa: Pick<MfaService, 'enrollStep' | 'secondFactorStep' | 'backupCodesStep' | 'signInExtras' | 'signInCompleted'>;
}

/** The flow of this client: every portal step and its handler. */
export function clientSignInFlow({ mfa }: SignInServices): SignInFlow {
  const steps: SignInStepHandlers = {
    // Activation and the second factor.
    enroll: (pending, body) => mfa.enrollStep(pending, body),
    mfa: (pending, body) => mfa.secondFactorStep(pending, body),
    backup_codes: (pending, body) => mfa.backupCodesStep(pending, body),
    // Passwords: activation questions, a temporary or expired password.
    security_questions: securityQuestionsStep,
    change_password: changePasswordStep,
  };
  return {
    steps,
    extras: (portalUrl, username) => mfa.signInExtras(portalUrl, username),
    completed: (portalUrl, username, body) => mfa.signInCompleted(portalUrl, username, body),
  };
}
