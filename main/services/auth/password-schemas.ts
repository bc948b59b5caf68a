/**
 * Schemas of what the portal sends for passwords, questions and
 * resets. Hostile input: bounded and typed before a service uses it.
 */
import { z } from 'zod';

const count = z.number().int().min(0).max(100_000);

/** `PasswordPolicyInfo` as the portal publishes it. */
export const passwordPolicySchema = z.object({
  minLength: z.number().int().min(1).max(1024),
  maxLength: z.number().int().min(1).max(100_000),
  minClasses: z.number().int().min(0).max(4),
  historyCount: count,
  maxAgeDays: count.nullable(),
  reminderDays: count,
  notifyDays: count,
  blocklist: z.boolean(),
  rejectUsername: z.boolean(),
});

export const policyResponseSchema = z.object({ policy: passwordPolicySchema });

export const passwordStatusSchema = z.object({
  expiresAt: z.string().max(64).nullable(),
  daysLeft: count.nullable(),
  state: z.enum(['ok', 'remind', 'notify', 'expired']),
});

export const questionOptionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  text: z.string().min(1).max(300),
});

export const questionsResponseSchema = z.object({ questions: z.array(questionOptionSchema).max(100) });

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

export const statusOkSchema = z.object({ status: z.string().max(64) });

/** Any sign-in step answer (the session service validates it further). */
export const stepAnswerSchema = z.object({ step: z.string().max(64) }).loose();
