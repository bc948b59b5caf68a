/**
 * Runtime schemas for everything the portal sends. Responses are hostile
 * input: each field is typed and length-limited before a service sees it.
 * Objects are not strict so a newer portal may add fields.
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const isoTime = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'not a time');

/** `{error:{code,message,details}}` — only the code is trusted (as a string to look up). */
export const errorBodySchema = z.object({
  error: z.object({
    code: text(64),
    message: text(1024).optional(),
    details: z.record(text(64), z.union([text(256), z.number(), z.boolean()])).optional(),
  }),
});

export const userSchema = z.object({
  username: text(128).min(1),
  displayName: text(256),
  roles: z.array(text(64)).max(32),
});

export const brandingSchema = z.object({
  name: text(128),
  supportPhones: z.array(text(64)).max(16),
  supportEmail: text(256),
});

export const signInCompleteSchema = z.object({
  step: z.literal('complete'),
  session: z.object({
    // base64url, 256 bits; bounded so a hostile portal cannot bloat the vault.
    token: z.string().min(16).max(512).regex(/^[A-Za-z0-9_\-.~+/=]+$/),
    idleTimeoutSeconds: z.number().int().min(1).max(7 * 24 * 3600),
    absoluteExpiresAt: isoTime,
  }),
  user: userSchema,
});

/** Any other step: only its name is checked; its handler (MFA, password change) validates the rest. */
export const signInOtherStepSchema = z.object({ step: text(64) });

export const sessionInfoSchema = z.object({
  user: userSchema,
  idleExpiresAt: isoTime,
  absoluteExpiresAt: isoTime,
});

const launchMethod = z.enum(['ica', 'rdp', 'web']);

export const portalAppSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: text(128).min(1),
  description: text(1024),
  icon: text(64),
  kind: z.enum(['app', 'desktop']),
  methods: z.array(launchMethod).min(1).max(3),
});

export const appsResponseSchema = z.object({ apps: z.array(portalAppSchema).max(500) });

export const icaDescriptorSchema = z.object({
  type: z.literal('ica'),
  title: text(128).min(1),
  address: text(260).min(1),
  initialProgram: text(512).min(1),
  logonTicket: text(1024).min(1),
  transportDriver: text(64).min(1),
  clientAudio: z.boolean(),
  allowClipboard: z.boolean(),
  allowDrives: z.boolean(),
});

export const rdpDescriptorSchema = z.object({
  type: z.literal('rdp'),
  title: text(128).min(1),
  address: text(260).min(1),
  remoteProgram: text(512).min(1),
  username: text(128),
  allowClipboard: z.boolean(),
  allowDrives: z.boolean(),
});

export const webDescriptorSchema = z.object({
  type: z.literal('web'),
  title: text(128).min(1),
  url: text(2048).min(1),
});

export const launchResponseSchema = z.object({
  descriptor: z.discriminatedUnion('type', [icaDescriptorSchema, rdpDescriptorSchema, webDescriptorSchema]),
});

export const launchPolicySchema = z.object({
  allowedHosts: z.array(text(253)).max(256),
  allowClipboard: z.boolean(),
  allowDrives: z.boolean(),
  webOrigins: z.array(text(2048)).max(64),
});

export type PortalUser = z.infer<typeof userSchema>;
export type PortalApp = z.infer<typeof portalAppSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type SignInComplete = z.infer<typeof signInCompleteSchema>;
export type IcaDescriptor = z.infer<typeof icaDescriptorSchema>;
export type RdpDescriptor = z.infer<typeof rdpDescriptorSchema>;
export type WebDescriptor = z.infer<typeof webDescriptorSchema>;
export type LaunchDescriptor = IcaDescriptor | RdpDescriptor | WebDescriptor;
export type LaunchPolicy = z.infer<typeof launchPolicySchema>;
