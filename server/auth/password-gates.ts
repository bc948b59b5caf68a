/**
 * The password sign-in gates (their place in the order is the list in
 * `server/sign-in-gates.ts`): security questions during activation, then the
 * password change for a temporary or expired password. Gates only look; the step routes in
 * `password-routes.ts` do the work and resume the flow.
 */
import type { Db } from '../db';
import { DEFAULT_SECURITY_ANSWER_LIMITS, SECURITY_QUESTIONS } from '../policy/security-questions';
import type { PasswordService } from './password-service';
import { hasSecurityAnswers } from './security-questions-store';
import type { SignInGate } from './sign-in-steps';

/** The password feature's gates. */
export interface PasswordGates {
  securityQuestions: SignInGate;
  changePassword: SignInGate;
}

/** Builds the gates (they only look; nothing is registered anywhere). */
export function passwordGates(db: Db, passwords: PasswordService): PasswordGates {
  const securityQuestions: SignInGate = async (user, flow) => {
    // Asked during activation only: existing accounts are not stopped at sign-in.
    if (!user.mustChangePassword || (await hasSecurityAnswers(db, user.id))) return null;
    return {
      step: 'security_questions',
      flowToken: await flow.token(),
      questions: SECURITY_QUESTIONS.map((q) => ({ id: q.id, text: q.text })),
      limits: { ...DEFAULT_SECURITY_ANSWER_LIMITS },
    };
  };
  const changePassword: SignInGate = async (user, flow) => {
    const reason = passwords.mustChange(user);
    if (!reason) return null;
    return { step: 'change_password', flowToken: await flow.token(), reason, policy: passwords.policy };
  };
  return { securityQuestions, changePassword };
}
