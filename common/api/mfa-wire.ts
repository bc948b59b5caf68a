/** Wire shapes of the second factor shared by the sign-in flow and the devices page. */
import { z } from 'zod';
import { newDeviceFields } from '../policy/mfa-device';
import { signInStepSchema } from './auth';
import { postFor, type EndpointAuth } from './endpoint';
import { isoTime, opaqueToken, text, uuidLike } from './primitives';

export const deviceSchema = z.object({
  id: uuidLike,
  kind: z.enum(['mobile', 'tablet', 'authenticator']),
  name: text(100),
  phoneNumber: text(40).nullable(),
  phoneType: text(20).nullable(),
  canPush: z.boolean(),
  addedAt: isoTime,
});

export const devicesSchema = z.object({ devices: z.array(deviceSchema).max(50) });

/** A device to enroll; a mobile phone needs its number and type. */
export const newDeviceSchema = z
  .object(newDeviceFields)
  .refine((d) => d.kind !== 'mobile' || (d.phoneNumber !== undefined && d.phoneType !== undefined), {
    message: 'a mobile phone needs phoneNumber and phoneType',
    path: ['phoneNumber'],
  });

export const enrollmentSchema = z.object({
  enrollment: z.object({
    id: uuidLike,
    secret: z.string().regex(/^[A-Z2-7]{16,128}$/),
    otpauthUri: z.string().max(1024).startsWith('otpauth://totp/'),
    bindUrl: z.string().max(2048),
    expiresAt: isoTime,
  }),
});

export const enrollStatusSchema = z.object({ pushBound: z.boolean(), confirmed: z.boolean() });
export const preferenceSchema = z.object({ preference: z.enum(['ask', 'push']) });

export const backupCodesSchema = z.object({
  codes: z.array(z.string().regex(/^[0-9A-Z-]{4,40}$/)).min(1).max(20),
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  fileText: z.string().max(8192),
});

/** `code`: a verified push's 3 digits, shown on the sign-in screen and typed on the phone. */
export const pushSchema = z.object({
  push: z.object({ id: uuidLike, expiresAt: isoTime, code: z.string().regex(/^\d{3}$/).optional() }),
});

export const pushStateSchema = z.enum(['pending', 'approved', 'denied', 'expired', 'reported', 'cancelled']);

/** A long poll's answer; `approved` carries the next step. */
export const pushWaitSchema = z.object({
  state: pushStateSchema,
  expiresAt: isoTime,
  next: signInStepSchema.optional(),
  /** A denial's cause: `wrong_code` when the phone was given another code. */
  reason: z.enum(['wrong_code']).optional(),
  /** After a denial (counted toward the lockout): the attempts left, when few remain. */
  attemptsLeft: z.number().int().min(0).max(1000).optional(),
});

export const pushCancelSchema = z.object({ state: text(32) });

export const rememberSchema = z.object({ token: opaqueToken, expiresAt: isoTime });

export const stepUpSchema = z.object({ stepUpToken: opaqueToken, expiresAt: isoTime });

export const accountMfaSchema = z.object({
  devices: z.array(deviceSchema).max(50),
  preference: z.enum(['ask', 'push']),
  backupCodesLeft: z.number().int().min(0).max(100),
  hasBackupCodes: z.boolean(),
  activity: z.array(z.object({ at: isoTime, type: text(64) })).max(100),
});

export type DeviceWire = z.infer<typeof deviceSchema>;
export type NewDeviceWire = z.infer<typeof newDeviceSchema>;

/**
 * Adding a device takes the same three calls in activation and on the devices
 * page: start, the enrollment again (a fresh phone link), and its status.
 */
export function enrollEndpoints<
  const A extends EndpointAuth,
  const Prefix extends `/${string}`,
  S extends z.ZodType,
  E extends z.ZodType,
>(auth: A, prefix: Prefix, bodies: { start: S; enrollment: E }, startSummary: string) {
  const post = postFor(auth);
  // `${Prefix}/…` is a path, but TypeScript does not see that a template on a `/…` type starts with `/`.
  const at = <const T extends string>(step: T) => `${prefix}/${step}` as `/${string}` & `${Prefix}/${T}`;
  return {
    start: post(at('start'), startSummary, bodies.start, enrollmentSchema),
    secret: post(at('secret'), 'The enrollment again, with a fresh phone link', bodies.enrollment, enrollmentSchema),
    status: post(at('status'), 'Whether the phone is bound and the device confirmed', bodies.enrollment, enrollStatusSchema),
  };
}
