/**
 * Runtime schemas of the second-factor channels (merged into
 * `channelSchemas`). Codes are bounded (the portal judges their content);
 * objects are strict.
 */
import { z } from 'zod';
import type { InvokeArgs, InvokeChannel } from '../../preload/contract';
import { passwordSchema } from './field-schemas';

const code = z.string().min(1).max(64);
const deviceId = z.string().regex(/^[0-9a-f-]{36}$/);

type MfaChannel = Extract<InvokeChannel, `mfa:${string}`>;

/** Schemas of the `mfa:*` channels. */
export const mfaChannelSchemas = {
  'mfa:enroll-start': z.tuple([
    z.strictObject({
      kind: z.enum(['mobile', 'tablet', 'authenticator']),
      phoneNumber: z
        .string()
        .regex(/^\+[1-9][0-9 ()-]{5,23}$/)
        .optional(),
      phoneType: z.enum(['iphone', 'android', 'other']).optional(),
    }),
  ]),
  'mfa:enroll-status': z.tuple([]),
  'mfa:enroll-confirm': z.tuple([z.strictObject({ code })]),
  'mfa:set-preference': z.tuple([z.strictObject({ preference: z.enum(['ask', 'push']) })]),
  'mfa:backup-codes': z.tuple([]),
  'mfa:backup-codes-saved': z.tuple([]),
  'mfa:passcode': z.tuple([z.strictObject({ code, remember: z.boolean() })]),
  'mfa:push-start': z.tuple([]),
  'mfa:push-wait': z.tuple([z.strictObject({ remember: z.boolean() })]),
  'mfa:push-cancel': z.tuple([]),
  'mfa:get-account': z.tuple([]),
  'mfa:step-up': z.tuple([z.strictObject({ password: passwordSchema, code })]),
  'mfa:rename-device': z.tuple([z.strictObject({ id: deviceId, name: z.string().min(1).max(60) })]),
  'mfa:remove-device': z.tuple([z.strictObject({ id: deviceId })]),
  'mfa:forget-this-device': z.tuple([]),
} satisfies { [C in MfaChannel]: z.ZodType<InvokeArgs<C>> };
