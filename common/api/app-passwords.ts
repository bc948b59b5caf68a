/**
 * FTPS app passwords on "My Settings & Devices" (docs/transfers.md): named
 * passwords for FileZilla, WinSCP, lftp or rclone, shown once, plus the
 * connection details those clients need. Server-supplied names are shown
 * as text only.
 */
import { z } from 'zod';
import { textCheck } from '../text/guard';
import { endpoint, postFor } from './endpoint';
import { emptyBody, isoTime, text, USERNAME_PATTERN } from './primitives';

/** The shape of an app password (six groups of four, see `server/ftps/app-passwords.ts`). */
export const APP_PASSWORD_PATTERN = /^[a-km-np-z2-9]{4}(?:-[a-km-np-z2-9]{4}){5}$/;

const appPasswordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const appPasswordName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .check(textCheck({ invisible: true }));

export const appPasswordSchema = z.object({
  id: appPasswordId,
  name: appPasswordName,
  createdAt: isoTime,
  lastUsedAt: isoTime.nullable(),
});

/** Where FTPS clients connect: explicit TLS (FTPES) on `port`, trusting `fingerprint256`. */
export const ftpsConnectionSchema = z.object({
  host: z
    .string()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]+$/),
  port: z.number().int().min(1).max(65535),
  tls: z.literal('explicit'),
  username: z.string().regex(USERNAME_PATTERN),
  fingerprint256: text(128).regex(/^[0-9A-Fa-f:]+$/),
});

export const appPasswordsSchema = z.object({
  appPasswords: z.array(appPasswordSchema).max(100),
  limit: z.number().int().min(0).max(100),
  connection: ftpsConnectionSchema,
});

export const createdAppPasswordSchema = z.object({
  appPassword: appPasswordSchema,
  /** The secret itself: in this answer only, never again. */
  password: z.string().regex(APP_PASSWORD_PATTERN),
});

export const appPasswordBodies = { create: z.strictObject({ name: appPasswordName }) };

const post = postFor('session');

export const appPasswords = endpoint({
  method: 'GET',
  path: '/account/app-passwords',
  auth: 'session',
  summary: 'FTPS app passwords (names, created, last use) and the connection details',
  response: appPasswordsSchema,
});
export const createAppPassword = post(
  '/account/app-passwords',
  'A new named FTPS app password, shown in this answer only',
  appPasswordBodies.create,
  createdAppPasswordSchema,
  { status: 201 },
);
export const revokeAppPassword = post(
  '/account/app-passwords/:id/revoke',
  'Revokes an app password',
  emptyBody,
  appPasswordsSchema,
  {
    params: z.object({ id: z.string().max(64) }),
  },
);

export const appPasswordEndpoints = { appPasswords, createAppPassword, revokeAppPassword };

export type AppPasswordWire = z.infer<typeof appPasswordSchema>;
export type AppPasswordsWire = z.infer<typeof appPasswordsSchema>;
export type CreatedAppPasswordWire = z.infer<typeof createdAppPasswordSchema>;
export type FtpsConnectionWire = z.infer<typeof ftpsConnectionSchema>;
