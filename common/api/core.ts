/** Public portal facts: health, branding, the password policy and the question list. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { text } from './primitives';

export const healthSchema = z.object({ status: z.literal('ok'), version: text(64) });

/** A portal identity: URL-safe, so a client may use it in file names and keys as is. */
export const portalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const brandingSchema = z.object({
  name: text(128),
  supportPhones: z.array(text(64)).max(16),
  supportEmail: text(256),
  /**
   * The portal's stable identity: made once, kept with its data, the same on
   * every address it is reached at. Clients key per-portal data by it;
   * portals from before it existed leave it out.
   */
  portalId: portalIdSchema.optional(),
});

const count = z.number().int().min(0).max(100_000);

/** The password policy as the portal publishes it (its rules drive the client's checklist). */
export const passwordPolicySchema = z.object({
  minLength: z.number().int().min(1).max(1024),
  maxLength: z.number().int().min(1).max(100_000),
  minClasses: z.number().int().min(0).max(4),
  historyCount: count,
  maxAgeDays: count.nullable(),
  reminderDays: count,
  notifyDays: count,
  blocklist: z.boolean(),
  rejectUsername: z.boolean(),
});

export const policyResponseSchema = z.object({ policy: passwordPolicySchema });

export const questionOptionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  text: z.string().min(1).max(300),
});

export const questionsResponseSchema = z.object({
  questions: z.array(questionOptionSchema).max(100),
  limits: z.record(text(64), z.number()).optional(),
});

export const health = endpoint({
  method: 'GET',
  path: '/health',
  auth: 'public',
  summary: 'Liveness and server version',
  response: healthSchema,
});

export const branding = endpoint({
  method: 'GET',
  path: '/branding',
  auth: 'public',
  summary: 'Portal name and support contacts',
  response: brandingSchema,
});

export const passwordPolicy = endpoint({
  method: 'GET',
  path: '/policy/password',
  auth: 'public',
  summary: 'The password policy',
  response: policyResponseSchema,
});

/** The older address of the password policy, kept for existing clients. */
export const passwordPolicyAlias = endpoint({
  method: 'GET',
  path: '/password-policy',
  auth: 'public',
  summary: 'The password policy (older address of /policy/password)',
  response: policyResponseSchema,
});

export const securityQuestions = endpoint({
  method: 'GET',
  path: '/security-questions',
  auth: 'public',
  summary: 'The list of security questions and the answer limits',
  response: questionsResponseSchema,
});

export const openApi = endpoint({
  method: 'GET',
  path: '/openapi.json',
  auth: 'public',
  summary: 'This API as an OpenAPI 3.1 document',
  response: z.looseObject({ openapi: text(16) }),
});

export const coreEndpoints = { health, branding, passwordPolicy, passwordPolicyAlias, securityQuestions, openApi };

export type PasswordPolicyWire = z.infer<typeof passwordPolicySchema>;
export type QuestionOption = z.infer<typeof questionOptionSchema>;
export type Branding = z.infer<typeof brandingSchema>;
