/**
 * The password sign-in steps as `AuthState`s: activation questions, and a
 * temporary or expired password to replace. Pure: answering them is
 * `PasswordService`'s (`setSecurityQuestions`, `setNewPassword`).
 */
import type { SignInStepStates } from '../../../common/contract';
import type { PendingSignIn, SignInStepBody } from './sign-in-steps';

/** Sign-in step `security_questions`: the portal's questions to choose from. */
export function securityQuestionsStep(pending: PendingSignIn, body: SignInStepBody<'security_questions'>): SignInStepStates['security_questions'] {
  return { status: 'security-questions', portalUrl: pending.portalUrl, username: pending.username, questions: body.questions, activation: body.activation ?? [] };
}

/** Sign-in step `change_password`: the reason, and the policy for the live checklist. */
export function changePasswordStep(pending: PendingSignIn, body: SignInStepBody<'change_password'>): SignInStepStates['change_password'] {
  return {
    status: 'change-password',
    portalUrl: pending.portalUrl,
    username: pending.username,
    reason: body.reason,
    policy: body.policy,
    activation: body.activation ?? [],
  };
}
