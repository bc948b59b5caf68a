/** *Forgot your password?*: a second factor (code or push) first, then the questions, then a new password. All public. */
import { z } from 'zod';
import { signInStepSchema } from './auth';
import { passwordPolicySchema } from './core';
import { postFor } from './endpoint';
import { pushCancelSchema, pushSchema, pushStateSchema } from './mfa-wire';
import { flowTokenInput as resetToken, isoTime, passwordInput } from './primitives';

const postPublic = postFor('public');

/** The second-factor step: the same choices for every name (nothing before the factor tells whether an account exists). */
export const resetFactorSchema = z.object({
  step: z.literal('second_factor'),
  methods: z
    .array(z.enum(['passcode', 'push']))
    .min(1)
    .max(2),
});

export const resetStartSchema = resetFactorSchema.extend({
  resetToken: z
    .string()
    .min(16)
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/),
});

/** After a verified second factor: the account's three questions. */
export const resetQuestionsSchema = z.object({
  step: z.literal('questions'),
  questions: z.array(z.string().min(1).max(1000)).length(3),
});

export const resetNewPasswordSchema = z.object({
  step: z.literal('new_password'),
  policy: passwordPolicySchema,
});

const pushId = z.string().min(1).max(64);

/** A reset push's long poll; `approved` carries the questions. */
export const resetPushWaitSchema = z.object({
  state: pushStateSchema,
  expiresAt: isoTime,
  next: resetQuestionsSchema.optional(),
  /** A denial's cause: `wrong_code` when the phone was given another code. */
  reason: z.enum(['wrong_code']).optional(),
  /** After a denial or "This wasn't me" (counted toward the lockout): the attempts left, when few remain. */
  attemptsLeft: z.number().int().min(0).max(1000).optional(),
});

export const resetStart = postPublic('/auth/reset/start', 'Starts a reset: a reset token and the second-factor step, the same for every name', z.strictObject({ username: z.string().min(1).max(128) }), resetStartSchema);

export const resetSecondFactor = postPublic('/auth/reset/second-factor', 'An authenticator or backup code; answers the security questions', z.strictObject({ resetToken, code: z.string().min(1).max(64) }), resetQuestionsSchema);

export const resetAnswers = postPublic('/auth/reset/answers', 'The answers (case sensitive); answers the new-password step', z.strictObject({ resetToken, answers: z.array(z.string().max(1000)).length(3) }), resetNewPasswordSchema);

export const resetPassword = postPublic('/auth/reset/password', 'The new password; answers a complete sign-in', z.strictObject({ resetToken, newPassword: passwordInput }), signInStepSchema);

export const resetPush = postPublic('/auth/reset/push', 'Sends a push for the reset', z.strictObject({ resetToken }), pushSchema);

export const resetPushWait = postPublic(
  '/auth/reset/push/wait',
  'Long poll for the answer to the reset push',
  z.strictObject({ resetToken, pushId }),
  resetPushWaitSchema,
  { longPoll: true },
);

export const resetPushCancel = postPublic('/auth/reset/push/cancel', 'Cancels the reset push', z.strictObject({ resetToken, pushId }), pushCancelSchema);

export const resetEndpoints = { resetStart, resetSecondFactor, resetAnswers, resetPassword, resetPush, resetPushWait, resetPushCancel };
