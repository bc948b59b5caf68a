/** The catalogue, launch descriptors and the launch policy (all signed in). */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { text } from './primitives';

export const launchMethodSchema = z.enum(['ica', 'rdp', 'web']);

export const portalAppSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: text(128).min(1),
  description: text(1024),
  /** Key of a bundled icon; unknown keys fall back to a generic icon. */
  icon: text(64),
  kind: z.enum(['app', 'desktop']),
  methods: z.array(launchMethodSchema).min(1).max(3),
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
  /** Absent for the full desktop (`kind: "desktop"`). */
  remoteProgram: text(512).min(1).optional(),
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
  /** `host:port` each native launch file connects to, for the methods the catalogue uses (diagnostics checks these). */
  gateways: z.object({ ica: text(260).optional(), rdp: text(260).optional() }).optional(),
});

export const appParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) });
export const launchBody = z.object({ method: launchMethodSchema });

export const listApps = endpoint({
  method: 'GET',
  path: '/apps',
  auth: 'session',
  summary: 'The catalogue of apps and desktops',
  response: appsResponseSchema,
});

export const launchApp = endpoint({
  method: 'POST',
  path: '/apps/:id/launch',
  auth: 'session',
  summary: 'A launch descriptor with a fresh single-use ticket',
  params: appParams,
  body: launchBody,
  response: launchResponseSchema,
});

export const launchPolicy = endpoint({
  method: 'GET',
  path: '/launch-policy',
  auth: 'session',
  summary: 'What the client enforces before handing a file to the OS',
  response: launchPolicySchema,
});

export const appEndpoints = { listApps, launchApp, launchPolicy };

export type PortalApp = z.infer<typeof portalAppSchema>;

/** The catalogue fields of an app, copied (the portal's config entry and the client's tile carry more). */
export function portalAppOf(app: PortalApp): PortalApp {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    icon: app.icon,
    kind: app.kind,
    methods: [...app.methods],
  };
}
export type IcaDescriptor = z.infer<typeof icaDescriptorSchema>;
/** An RDP descriptor: a RemoteApp with `remoteProgram`, the full desktop without. */
export type RdpDescriptor = z.infer<typeof rdpDescriptorSchema>;
export type WebDescriptor = z.infer<typeof webDescriptorSchema>;
export type LaunchDescriptor = IcaDescriptor | RdpDescriptor | WebDescriptor;
export type LaunchPolicy = z.infer<typeof launchPolicySchema>;
