/**
 * The second-factor sign-in steps as the client reads them (hostile input:
 * typed and bounded). The wire schemas of the answers live in `common/api`.
 */
import { z } from 'zod';
import { deviceSchema, rememberSchema, text } from '../../../../common/api';

export { deviceSchema, rememberSchema };

export const activationSchema = z.array(z.string().regex(/^[a-z_]{1,32}$/)).max(16);

export const enrollStepSchema = z.object({
  user: z.object({ displayName: text(256), username: text(128) }).optional(),
  activation: activationSchema.default([]),
});

export const mfaStepSchema = z.object({
  methods: z.array(z.enum(['push', 'passkey', 'passcode'])).min(1).max(3),
  preference: z.enum(['ask', 'push']).default('ask'),
  rememberSeconds: z.number().int().min(60).max(30 * 86400).default(28800),
  pushExpirySeconds: z.number().int().min(1).max(3600).default(60),
  enrolled: z.boolean().default(false),
  activation: activationSchema.default([]),
});

export const backupStepSchema = z.object({
  devices: z.array(deviceSchema).max(50),
  preference: z.enum(['ask', 'push']).default('ask'),
  recoveryPhone: text(40).nullable().default(null),
  activation: activationSchema.default([]),
});

