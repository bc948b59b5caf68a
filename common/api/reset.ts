/** *Forgot your password?*: questions, a second factor (code or push), a new password. All public. */
import { z } from 'zod';
import { signInStepSchema } from './auth';
import { passwordPolicySchema } from './core';
import { endpoint } from './endpoint';
import { pushCancelSchema, pushSchema, pushWaitSchema } from './mfa-wire';
import { flowTokenInput as resetToken, passwordInput } from './primitives';

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

export const resetStart = endpoint({
  method: 'POST',
  path: '/auth/reset/start',
  auth: 'public',
  summary: 'Starts a reset: a reset token and three questions',
  body: z.strictObject({ username: z.string().min(1).max(128) }),
  response: resetStartSchema,
});

export const resetAnswers = endpoint({
  method: 'POST',
  path: '/auth/reset/answers',
  auth: 'public',
  summary: 'The answers (case sensitive); answers the second-factor step',
  body: z.strictObject({ resetToken, answers: z.array(z.string().max(1000)).length(3) }),
  response: resetFactorSchema,
});

export const resetSecondFactor = endpoint({
  method: 'POST',
  path: '/auth/reset/second-factor',
  auth: 'public',
  summary: 'An authenticator or backup code; answers the new-password step',
  body: z.strictObject({ resetToken, code: z.string().min(1).max(64) }),
  response: resetNewPasswordSchema,
});

export const resetPassword = endpoint({
  method: 'POST',
  path: '/auth/reset/password',
  auth: 'public',
  summary: 'The new password; answers a complete sign-in',
  body: z.strictObject({ resetToken, newPassword: passwordInput }),
  response: signInStepSchema,
});

export const resetPush = endpoint({
  method: 'POST',
  path: '/auth/reset/push',
  auth: 'public',
  summary: 'Sends a push for the reset',
  body: z.strictObject({ resetToken }),
  response: pushSchema,
});

export const resetPushWait = endpoint({
  method: 'POST',
  path: '/auth/reset/push/wait',
  auth: 'public',
  summary: 'Long poll for the answer to the reset push',
  body: z.strictObject({ resetToken, pushId }),
  response: pushWaitSchema,
  longPoll: true,
});

export const resetPushCancel = endpoint({
  method: 'POST',
  path: '/auth/reset/push/cancel',
  auth: 'public',
  summary: 'Cancels the reset push',
  body: z.strictObject({ resetToken, pushId }),
  response: pushCancelSchema,
});

export const resetEndpoints = { resetStart, resetAnswers, resetSecondFactor, resetPassword, resetPush, resetPushWait, resetPushCancel };
