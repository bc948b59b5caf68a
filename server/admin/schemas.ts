/**
 * Input rules of the requests and administration routes. Names and notes
 * come from any signed-in user and are shown to managers, so control
 * characters are refused outright (no log or CSV line breaking).
 */
import { z } from 'zod';
import { textCheck } from '../../common/text/guard';
import { USERNAME_PATTERN } from '../auth/users';

const NO_CONTROL = textCheck();
const NO_CONTROL_EXCEPT_NEWLINE = textCheck({ newlines: true });

/** A person's full name: 1–100 characters, no control characters. */
export const fullNameSchema = z.string().trim().min(1).max(100).check(NO_CONTROL);

/**
 * An e-mail address: one `@`, a dotted domain, at most 254 characters
 * (RFC 5321), checked by zod's pragmatic address pattern.
 */
export const emailSchema = z.string().trim().max(254).pipe(z.email());

/** The lookup key of an address: duplicates are matched ignoring case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** `POST /requests`. */
export const newRequestBody = z.strictObject({
  fullName: fullNameSchema,
  email: emailSchema,
  note: z.string().trim().max(500).check(NO_CONTROL_EXCEPT_NEWLINE).optional(),
});

/** Request ids are UUIDs. */
export const requestIdParams = z.strictObject({ id: z.uuid() });

/** Usernames a manager may give a new account. */
export const usernameSchema = z.string().trim().regex(USERNAME_PATTERN);

/** `POST /admin/requests/:id/approve`. */
export const approveBody = z.strictObject({ username: usernameSchema });

/** `POST /admin/requests/:id/decline`. */
export const declineBody = z.strictObject({ reason: z.string().trim().min(1).max(500).check(NO_CONTROL_EXCEPT_NEWLINE) });

/** `GET /admin/requests`. */
export const requestListQuery = z.strictObject({ status: z.enum(['pending', 'all']).default('pending') });

/** `:username` in user routes. */
export const usernameParams = z.strictObject({ username: z.string().min(1).max(128).regex(USERNAME_PATTERN) });

/** `GET /admin/users`. */
export const userListQuery = z.strictObject({ query: z.string().max(100).check(NO_CONTROL).default('') });

/** `POST /admin/users/:username/roles`. */
export const rolesBody = z.strictObject({ manager: z.boolean() });

/** Bodyless actions accept `{}` only. */
export const emptyBody = z.strictObject({});

const isoTime = z.iso.datetime({ offset: true });

/** `GET /admin/audit` and `/admin/audit/export`. */
export const auditQuery = z.strictObject({
  since: isoTime.optional(),
  until: isoTime.optional(),
  type: z.string().max(64).regex(/^[a-z0-9_.-]+$/).optional(),
  username: z.string().max(128).check(NO_CONTROL).optional(),
  q: z.string().max(100).check(NO_CONTROL).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** Parsed audit filter. */
export type AuditFilterInput = z.output<typeof auditQuery>;
