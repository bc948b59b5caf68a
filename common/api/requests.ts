/**
 * New-user requests: any signed-in user files one and follows it; managers
 * list, approve and decline them. Names and notes come from any user and are
 * shown to managers, so control characters are refused outright.
 */
import { z } from 'zod';
import { textCheck } from '../text/guard';
import { endpoint, postFor } from './endpoint';
import { text, USERNAME_PATTERN } from './primitives';

/** One line of safe text (the one text guard: no control, line-separator, bidi or lone-surrogate characters). */
export const NO_CONTROL = textCheck();
/** The same, with line feeds allowed (notes, reasons). */
export const NO_CONTROL_EXCEPT_NEWLINE = textCheck({ newlines: true });

/** A person's full name: 1–100 characters, no control characters. */
export const fullNameSchema = z.string().trim().min(1).max(100).check(NO_CONTROL);

/** An e-mail address of at most 254 characters (RFC 5321), zod's pragmatic pattern. */
export const emailSchema = z.string().trim().max(254).pipe(z.email());

/** Usernames a manager may give a new account. */
export const usernameSchema = z.string().trim().regex(USERNAME_PATTERN);

const iso = z.string().max(64);

export const myRequestSchema = z.object({
  id: text(64),
  fullName: text(200),
  email: text(300),
  note: text(1000).nullable(),
  status: z.enum(['pending', 'approved', 'declined']),
  createdAt: iso,
  updatedAt: iso,
  decidedAt: iso.nullable(),
  declineReason: text(1000).nullable(),
});

export const adminRequestSchema = myRequestSchema.extend({
  timesRequested: z.number().int().min(1),
  requestedBy: z.array(text(128)).max(1000),
  decidedBy: text(128).nullable(),
  createdUsername: text(128).nullable(),
  suggestedUsername: text(128).nullable(),
});

export const newRequestBody = z.strictObject({
  fullName: fullNameSchema,
  email: emailSchema,
  note: z.string().trim().max(500).check(NO_CONTROL_EXCEPT_NEWLINE).optional(),
});

/** Request ids are UUIDs. */
export const requestIdParams = z.strictObject({ id: z.uuid() });

export const approveBody = z.strictObject({ username: usernameSchema });
export const declineBody = z.strictObject({ reason: z.string().trim().min(1).max(500).check(NO_CONTROL_EXCEPT_NEWLINE) });
export const requestListQuery = z.strictObject({ status: z.enum(['pending', 'all']).default('pending') });

const postManager = postFor('manager');
const postSession = postFor('session');

export const fileRequest = postSession(
  '/requests',
  'Asks the project manager for a new user (201; 200 when merged into an open request)',
  newRequestBody,
  z.object({ request: myRequestSchema, merged: z.boolean() }),
  { status: 201 },
);

export const myRequests = endpoint({
  method: 'GET',
  path: '/requests/mine',
  auth: 'session',
  summary: 'The requests the caller filed or joined, newest first',
  response: z.object({ requests: z.array(myRequestSchema).max(1000) }),
});

export const adminListRequests = endpoint({
  method: 'GET',
  path: '/admin/requests',
  auth: 'manager',
  summary: 'Pending (or all) new-user requests',
  query: requestListQuery,
  response: z.object({ requests: z.array(adminRequestSchema).max(5000) }),
});

export const adminApproveRequest = postManager(
  '/admin/requests/:id/approve',
  'Creates the account with a one-time temporary password',
  approveBody,
  z.object({ request: adminRequestSchema, username: text(128), temporaryPassword: z.string().min(1).max(1024) }),
  { params: requestIdParams },
);

export const adminDeclineRequest = postManager(
  '/admin/requests/:id/decline',
  'Declines a request with a reason the requester sees',
  declineBody,
  z.object({ request: adminRequestSchema }),
  { params: requestIdParams },
);

export const requestEndpoints = { fileRequest, myRequests, adminListRequests, adminApproveRequest, adminDeclineRequest };
