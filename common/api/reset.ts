/** *Forgot your password?*: questions, a second factor (code or push), a new password. All public. */
import { z } from 'zod';
import { signInStepSchema } from './auth';
import { passwordPolicySchema } from './core';
import { postFor } from './endpoint';
import { pushCancelSchema, pushSchema, pushWaitSchema } from './mfa-wire';
import { flowTokenInput as resetToken, passwordInput } from './primitives';

const postPublic = postFor('public');

export const resetStartSchema = z.object({
  resetToken: z
    .string()
    .min(16)
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/),
  questions: z.array(z.string().min(1).max(1000)).length(3),
});

export const resetFactorSchema = z.object({
  step: z.literal('second_factor'),
  methods: z
    .array(z.enum(['passcode', 'push']))
    .min(1)
    .max(2),
});

export const resetNewPasswordSchema = z.object({
  step: z.literal('new_password'),
  policy: passwordPolicySchema,
});

const pushId = z.string().min(1).max(64);

export const resetStart = postPublic('/auth/reset/start', 'Starts a reset: a reset token and three questions', z.strictObject({ username: z.string().min(1).max(128) }), resetStartSchema);

export const resetAnswers = postPublic('/auth/reset/answers', 'The answers (case sensitive); answers the second-factor step', z.strictObject({ resetToken, answers: z.array(z.string().max(1000)).length(3) }), resetFactorSchema);

export const resetSecondFactor = postPublic('/auth/reset/second-factor', 'An authenticator or backup code; answers the new-password step', z.strictObject({ resetToken, code: z.string().min(1).max(64) }), resetNewPasswordSchema);

export const resetPassword = postPublic('/auth/reset/password', 'The new password; answers a complete sign-in', z.strictObject({ resetToken, newPassword: passwordInput }), signInStepSchema);

export const resetPush = postPublic('/auth/reset/push', 'Sends a push for the reset', z.strictObject({ resetToken }), pushSchema);

export const resetPushWait = postPublic(
  '/auth/reset/push/wait',
  'Long poll for the answer to the reset push',
  z.strictObject({ resetToken, pushId }),
  pushWaitSchema,
  { longPoll: true },
);

export const resetPushCancel = postPublic('/auth/reset/push/cancel', 'Cancels the reset push', z.strictObject({ resetToken, pushId }), pushCancelSchema);

export const resetEndpoints = { resetStart, resetAnswers, resetSecondFactor, resetPassword, resetPush, resetPushWait, resetPushCancel };
