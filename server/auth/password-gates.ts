/**
 * The password sign-in gates (see the order table in `sign-in-flow.ts`):
 * security questions (40) during activation, then the password change (50)
 * for a temporary or expired password. Gates only look; the step routes in
 * `password-routes.ts` do the work and resume the flow.
 */
import type { Db } from '../db';
import { DEFAULT_SECURITY_ANSWER_LIMITS, SECURITY_QUESTIONS } from '../policy/security-questions';
import type { PasswordService } from './password-service';
import { hasSecurityAnswers } from './security-questions-store';
import type { SignInFlow, SignInGate } from './sign-in-flow';

/** The gates, kept so routes can name them. */
export interface PasswordGates {
  securityQuestions: SignInGate;
  changePassword: SignInGate;
}

/** Builds the gates and registers them on `signIn`. */
export function registerPasswordGates(signIn: SignInFlow, db: Db, passwords: PasswordService): PasswordGates {
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
  signIn.addGate(securityQuestions, { name: 'security_questions', order: 40, activation: true });
  signIn.addGate(changePassword, { name: 'change_password', order: 50, activation: true });
  return { securityQuestions, changePassword };
}
