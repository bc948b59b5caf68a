/**
 * Passwords and security questions: the sign-in steps `security_questions`
 * and `change_password`, and the signed-in account's password, expiry and
 * questions. (The public policy and question list are in `core.ts`.)
 */
import { z } from 'zod';
import { signInStepSchema } from './auth';
import { passwordPolicySchema, questionOptionSchema } from './core';
import { endpoint, postFor } from './endpoint';
import { flowTokenInput as flowToken, passwordInput as password, text } from './primitives';

/** Two questions from the list plus one of the user's own, with their answers. */
export const answersInput = {
  chosen: z
    .array(z.strictObject({ questionId: z.string().min(1).max(64), answer: z.string().max(1000) }))
    .length(2),
  custom: z.strictObject({ question: z.string().max(1000), answer: z.string().max(1000) }),
};

export const passwordStatusSchema = z.object({
  expiresAt: z.string().max(64).nullable(),
  daysLeft: z.number().int().min(0).max(100_000).nullable(),
  state: z.enum(['ok', 'remind', 'notify', 'expired']),
});

export const statusOkSchema = z.object({ status: text(64) });

/** The `security_questions` sign-in step. */
export const securityQuestionsStepSchema = z.object({
  questions: z.array(questionOptionSchema).min(2).max(100),
  activation: z.array(z.string().max(64)).max(20).optional(),
});

/** The `change_password` sign-in step. */
export const changePasswordStepSchema = z.object({
  reason: z.enum(['temporary', 'expired']),
  policy: passwordPolicySchema,
  activation: z.array(z.string().max(64)).max(20).optional(),
});

const postFlow = postFor('flow');
const postSession = postFor('session');

export const stepSecurityQuestions = postFlow('/auth/security-questions', 'Sign-in step security_questions; answers the next step', z.strictObject({ flowToken, ...answersInput }), signInStepSchema);

export const stepChangePassword = postFlow('/auth/change-password', 'Sign-in step change_password; the attempt then ends', z.strictObject({ flowToken, newPassword: password }), statusOkSchema);

export const passwordStatus = endpoint({
  method: 'GET',
  path: '/account/password-status',
  auth: 'session',
  summary: 'When the password expires',
  response: passwordStatusSchema,
});

export const changePassword = postSession('/account/password', 'Changes the password (every session ends)', z.strictObject({ currentPassword: password, newPassword: password }), statusOkSchema);

export const accountSecurityQuestions = endpoint({
  method: 'GET',
  path: '/account/security-questions',
  auth: 'session',
  summary: 'The questions the user chose (never the answers)',
  response: z.object({ questions: z.array(z.object({ id: text(64).nullable(), text: text(1000) })).max(10) }),
});

export const updateSecurityQuestions = postSession('/account/security-questions', 'Replaces the security questions and answers', z.strictObject({ password, ...answersInput }), statusOkSchema);

export const passwordEndpoints = {
  stepSecurityQuestions,
  stepChangePassword,
  passwordStatus,
  changePassword,
  accountSecurityQuestions,
  updateSecurityQuestions,
};
