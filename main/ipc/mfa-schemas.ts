/**
 * Runtime schemas of the second-factor channels (merged into
 * `channelSchemas`). Codes are bounded (the portal judges their content);
 * objects are strict.
 */
import { z } from 'zod';
import { newDeviceFields } from '../../common/policy/mfa-device';
import { safeText } from '../../common/text/guard';
import type { InvokeArgs, InvokeChannel } from '../../common/contract';
import { passwordSchema } from './field-schemas';

const code = z.string().min(1).max(64);
const deviceId = z.string().regex(/^[0-9a-f-]{36}$/);
// Device names are shown to the user and in the portal's activity: one line, no invisible characters (as the portal checks).
const deviceName = safeText({ min: 1, max: 60, invisible: true });

type MfaChannel = Extract<InvokeChannel, `mfa:${string}`>;

/** Schemas of the `mfa:*` channels. */
export const mfaChannelSchemas = {
  'mfa:enroll-start': z.tuple([z.strictObject(newDeviceFields)]),
  'mfa:enroll-status': z.tuple([]),
  'mfa:enroll-confirm': z.tuple([z.strictObject({ code })]),
  'mfa:set-preference': z.tuple([z.strictObject({ preference: z.enum(['ask', 'push']) })]),
  'mfa:backup-codes': z.tuple([]),
  'mfa:backup-codes-saved': z.tuple([]),
  'mfa:recovery-phone': z.tuple([z.strictObject({ phoneNumber: newDeviceFields.phoneNumber.unwrap() })]),
  'mfa:passcode': z.tuple([z.strictObject({ code, remember: z.boolean() })]),
  'mfa:push-start': z.tuple([]),
  'mfa:push-wait': z.tuple([z.strictObject({ remember: z.boolean() })]),
  'mfa:push-cancel': z.tuple([]),
  'mfa:passkey-start': z.tuple([]),
  'mfa:passkey-wait': z.tuple([z.strictObject({ remember: z.boolean() })]),
  'mfa:get-account': z.tuple([]),
  'mfa:step-up': z.tuple([z.strictObject({ password: passwordSchema, code })]),
  'mfa:rename-device': z.tuple([z.strictObject({ id: deviceId, name: deviceName })]),
  'mfa:remove-device': z.tuple([z.strictObject({ id: deviceId })]),
  'mfa:forget-this-device': z.tuple([]),
} satisfies { [C in MfaChannel]: z.ZodType<InvokeArgs<C>> };
