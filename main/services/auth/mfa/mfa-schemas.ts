/** Schemas of the portal's second-factor answers (hostile input: typed and bounded). */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const isoTime = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'not a time');

export const deviceSchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  kind: z.enum(['mobile', 'tablet', 'authenticator']),
  name: text(100),
  phoneNumber: text(40).nullable(),
  phoneType: text(20).nullable(),
  canPush: z.boolean(),
  addedAt: isoTime,
});

export const activationSchema = z.array(z.string().regex(/^[a-z_]{1,32}$/)).max(16);

export const enrollStepSchema = z.object({
  user: z.object({ displayName: text(256), username: text(128) }).optional(),
  activation: activationSchema.default([]),
});

export const mfaStepSchema = z.object({
  methods: z.array(z.enum(['push', 'passcode'])).min(1).max(2),
  preference: z.enum(['ask', 'push']).default('ask'),
  rememberSeconds: z.number().int().min(60).max(30 * 86400).default(28800),
  pushExpirySeconds: z.number().int().min(1).max(3600).default(60),
});

export const backupStepSchema = z.object({
  devices: z.array(deviceSchema).max(50),
  preference: z.enum(['ask', 'push']).default('ask'),
  activation: activationSchema.default([]),
});

export const enrollmentSchema = z.object({
  enrollment: z.object({
    id: z.string().regex(/^[0-9a-f-]{36}$/),
    secret: z.string().regex(/^[A-Z2-7]{16,128}$/),
    otpauthUri: z.string().max(1024).startsWith('otpauth://totp/'),
    bindUrl: z.string().max(2048),
    expiresAt: isoTime,
  }),
});

export const enrollConfirmSchema = z.object({ device: deviceSchema, next: z.unknown().optional() });
export const enrollStatusSchema = z.object({ pushBound: z.boolean(), confirmed: z.boolean() });
export const preferenceSchema = z.object({ preference: z.enum(['ask', 'push']) });

export const backupCodesSchema = z.object({
  codes: z.array(z.string().regex(/^[0-9A-Z-]{4,40}$/)).min(1).max(20),
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  fileText: z.string().max(8192),
});

export const pushSchema = z.object({ push: z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/), expiresAt: isoTime }) });
export const pushWaitSchema = z.object({
  state: z.enum(['pending', 'approved', 'denied', 'expired', 'reported', 'cancelled']),
  expiresAt: isoTime,
  next: z.unknown().optional(),
});
export const pushCancelSchema = z.object({ state: z.string().max(32) });

export const rememberSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/), expiresAt: isoTime });

export const accountSchema = z.object({
  devices: z.array(deviceSchema).max(50),
  preference: z.enum(['ask', 'push']),
  backupCodesLeft: z.number().int().min(0).max(100),
  hasBackupCodes: z.boolean(),
  activity: z.array(z.object({ at: isoTime, type: text(64) })).max(100),
});

export const stepUpSchema = z.object({ stepUpToken: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/), expiresAt: isoTime });
export const devicesSchema = z.object({ devices: z.array(deviceSchema).max(50) });
