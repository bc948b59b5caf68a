/**
 * Runtime schemas of the password, security-question and reset
 * channels (merged into `channelSchemas`). Passwords are never trimmed or
 * truncated; answers are bounded; objects are strict.
 */
import { z } from 'zod';
import type { InvokeArgs } from '../../common/contract';
import { httpUrlSchema, passwordSchema as password, usernameSchema as username } from './field-schemas';

const answer = z.string().min(1).max(1000);

const answers = {
  chosen: z.array(z.strictObject({ questionId: z.string().regex(/^[a-z0-9-]{1,64}$/), answer })).length(2),
  custom: z.strictObject({ question: z.string().min(1).max(1000), answer }),
};

/** The channels of this feature (the handler table implements the same set). */
export type PasswordChannel =
  | 'password:get-policy'
  | 'password:get-status'
  | 'password:change'
  | 'auth:set-new-password'
  | 'auth:set-security-questions'
  | 'security-questions:list'
  | 'security-questions:current'
  | 'security-questions:update'
  | 'reset:start'
  | 'reset:answer'
  | 'reset:passcode'
  | 'reset:push-start'
  | 'reset:push-wait'
  | 'reset:push-cancel'
  | 'reset:set-password'
  | 'reset:cancel';

/** Schemas of the password, security-question and reset channels. */
export const passwordChannelSchemas = {
  'password:get-policy': z.tuple([]),
  'password:get-status': z.tuple([]),
  'password:change': z.tuple([z.strictObject({ currentPassword: password, newPassword: password })]),
  'auth:set-new-password': z.tuple([z.strictObject({ newPassword: password })]),
  'auth:set-security-questions': z.tuple([z.strictObject(answers)]),
  'security-questions:list': z.tuple([]),
  'security-questions:current': z.tuple([]),
  'security-questions:update': z.tuple([z.strictObject({ password, ...answers })]),
  'reset:start': z.tuple([z.strictObject({ portalUrl: httpUrlSchema, username })]),
  'reset:answer': z.tuple([z.strictObject({ answers: z.array(z.string().max(1000)).length(3) })]),
  'reset:passcode': z.tuple([z.strictObject({ code: z.string().min(1).max(64) })]),
  'reset:push-start': z.tuple([]),
  'reset:push-wait': z.tuple([]),
  'reset:push-cancel': z.tuple([]),
  'reset:set-password': z.tuple([z.strictObject({ newPassword: password })]),
  'reset:cancel': z.tuple([]),
} satisfies { [C in PasswordChannel]: z.ZodType<InvokeArgs<C>> };
