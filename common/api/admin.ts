/** The managers' user list, account actions and the audit log. */
import { z } from 'zod';
import { endpoint, postFor } from './endpoint';
import { emptyBody, text, USERNAME_PATTERN } from './primitives';
import { NO_CONTROL } from './requests';

const iso = z.string().max(64);

export const adminUserSchema = z.object({
  username: text(128),
  displayName: text(200),
  email: text(300).nullable(),
  roles: z.array(text(64)).max(20),
  status: z.enum(['active', 'disabled']),
  pendingActivation: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lockedUntil: iso.nullable(),
  passwordExpiresInDays: z.number().int().nullable(),
  /** While the password is a temporary one: when it stops working (ISO); otherwise null. */
  temporaryPasswordExpiresAt: iso.nullable(),
  mfaDevices: z.number().int().min(0),
  createdAt: iso,
});

export const auditEventSchema = z.object({
  id: text(64),
  at: iso,
  actor: text(200),
  username: text(128).nullable(),
  type: text(64),
  detail: z.record(z.string(), z.unknown()),
});

export const usernameParams = z.strictObject({ username: z.string().min(1).max(128).regex(USERNAME_PATTERN) });
export const userListQuery = z.strictObject({ query: z.string().max(100).check(NO_CONTROL).default('') });
export const rolesBody = z.strictObject({ manager: z.boolean() });

const isoTime = z.iso.datetime({ offset: true });

/** Filters of the audit log and its export. */
export const auditQuery = z.strictObject({
  since: isoTime.optional(),
  until: isoTime.optional(),
  type: z.string().max(64).regex(/^[a-z0-9_.-]+$/).optional(),
  username: z.string().max(128).check(NO_CONTROL).optional(),
  q: z.string().max(100).check(NO_CONTROL).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

const userAnswer = z.object({ user: adminUserSchema });

export const adminListUsers = endpoint({
  method: 'GET',
  path: '/admin/users',
  auth: 'manager',
  summary: 'Users whose username, name or e-mail contains the query',
  query: userListQuery,
  response: z.object({ users: z.array(adminUserSchema).max(5000) }),
});

const action = <const P extends `/${string}`>(path: P, summary: string) =>
  endpoint({ method: 'POST', path, auth: 'manager', summary, params: usernameParams, body: emptyBody, response: userAnswer });

export const adminUnlock = action('/admin/users/:username/unlock', 'Clears failures and the lock');
export const adminResetMfa = action('/admin/users/:username/reset-mfa', 'Removes every second factor; the user enrolls again');
export const adminForcePasswordChange = action('/admin/users/:username/force-password-change', 'The next sign-in asks for a new password');
export const adminDisable = action('/admin/users/:username/disable', 'Disables the account (every session ends)');
export const adminEnable = action('/admin/users/:username/enable', 'Enables the account again');

export const adminIssueTemporaryPassword = endpoint({
  method: 'POST',
  path: '/admin/users/:username/temporary-password',
  auth: 'manager',
  summary: 'Issues a new temporary password (shown once); the old password and every session end',
  params: usernameParams,
  body: emptyBody,
  response: z.object({ user: adminUserSchema, temporaryPassword: z.string().min(8).max(128) }),
});

const postManager = postFor('manager');

export const adminSetRoles = postManager('/admin/users/:username/roles', 'Grants or removes the manager role', rolesBody, userAnswer, { params: usernameParams });

/** The audit log and its export: manager GETs filtered by {@link auditQuery}. */
const auditRead = <const P extends `/${string}`, R extends z.ZodType>(path: P, summary: string, response: R) =>
  endpoint({ method: 'GET', path, auth: 'manager', summary, query: auditQuery, response });

export const adminAudit = auditRead('/admin/audit', 'The audit log, newest first', z.object({ events: z.array(auditEventSchema).max(5000) }));

export const adminAuditExport = auditRead(
  '/admin/audit/export',
  'The filtered log as CSV (text/csv, or this JSON with Accept: application/json)',
  z.object({ filename: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/), csv: z.string().max(10 * 1024 * 1024) }),
);

/** The bodyless account actions, by the name the client and the CLI use. */
export const adminUserActions = {
  unlock: adminUnlock,
  'reset-mfa': adminResetMfa,
  'force-password-change': adminForcePasswordChange,
  disable: adminDisable,
  enable: adminEnable,
} as const;

export const adminEndpoints = {
  adminListUsers,
  adminUnlock,
  adminResetMfa,
  adminForcePasswordChange,
  adminIssueTemporaryPassword,
  adminDisable,
  adminEnable,
  adminSetRoles,
  adminAudit,
  adminAuditExport,
};
