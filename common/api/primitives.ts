/**
 * Building blocks of the wire schemas. Everything the portal sends is
 * hostile to the client and everything a client sends is hostile to the
 * portal, so every string is bounded and every token shaped.
 */
import { z } from 'zod';

/** A string of at most `max` characters. */
export const text = (max: number) => z.string().max(max);

/** A time the other side can parse (ISO 8601 in practice). */
export const isoTime = z
  .string()
  .max(64)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a time');

/** Usernames: a letter or digit, then letters, digits and `._@-` (at most 128). */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

/** The client's random install id (remember-me is bound to it). */
export const INSTALL_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Longer codes are refused before any check (a TOTP is 6 digits, a backup code 19 characters). */
export const MAX_PASSCODE_LENGTH = 32;

/** Opaque session/step-up/remember tokens the portal hands out. */
export const opaqueToken = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

/** UUIDs the portal uses as ids (devices, pushes, enrollments). */
export const uuidLike = z.string().regex(/^[0-9a-f-]{36}$/);

/** Passwords: long passphrases are welcome and are hashed whole, never truncated. */
export const passwordInput = z.string().min(1).max(1024);

/** A flow token (sign-in or reset) as the client sends it back. */
export const flowTokenInput = z.string().min(1).max(128);

/** A code typed by the user: too long or empty is refused naming `code`. */
export const passcodeInput = z.string().min(1).max(MAX_PASSCODE_LENGTH);

/** Bodyless POSTs accept `{}` only. */
export const emptyBody = z.strictObject({});

/** The "When I log in" preference. */
export const preferenceValue = z.enum(['ask', 'push']);

/**
 * `{error:{code,message,details}}`, the body of every failure. Only the
 * code is trusted by the client (as a string to look up).
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: text(64),
    message: text(1024).optional(),
    details: z.record(text(64), z.union([text(256), z.number(), z.boolean()])).optional(),
  }),
});

export type ErrorBodyWire = z.infer<typeof errorBodySchema>;
