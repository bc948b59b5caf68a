/**
 * Server configuration: `config/default.json`, overlaid by an optional JSON
 * file and a few environment variables, validated with zod at start so a bad
 * file fails loudly with the path of the offending field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import defaults from './config/default.json' with { type: 'json' };
import { validatePasswordPolicy } from './policy/password-policy';
import { lightHostSchema, lightSettingsSchema } from './light/config-schema';

/** Every property optional, recursively; arrays are replaced, not merged. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

const hostPort = z.string().regex(/^[A-Za-z0-9.-]{1,253}:\d{1,5}$/, 'expected host:port');

const appSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1).max(100),
  description: z.string().min(1).max(200),
  icon: z.string().regex(/^[a-z0-9-]{1,64}$/),
  kind: z.enum(['app', 'desktop']),
  methods: z.array(z.enum(['ica', 'rdp', 'web'])).min(1),
  /** ICA `InitialProgram`; defaults to `#<name>` (a published application). */
  initialProgram: z.string().min(1).max(200).optional(),
  /** RDP `remoteapplicationprogram`; absent for a full desktop. */
  remoteProgram: z.string().min(1).max(200).optional(),
  /** Light version: the VNC session host serving this app (absent: the reference host). */
  lightHost: lightHostSchema.optional(),
});

/** One trusted proxy: an address, a CIDR range, or one of proxy-addr's names. */
const proxyAddress = z.union([
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cidrv6(),
  z.enum(['loopback', 'linklocal', 'uniquelocal']),
]);

/**
 * Behind a proxy: whose `X-Forwarded-For` to believe (Fastify's `trustProxy`):
 * false = nobody (the peer's address is the client's), true = any peer
 * (only when nothing but the proxy can reach the portal), a hop count, or
 * the proxies' addresses/CIDRs (a list, or one comma-separated string).
 */
export const trustProxySchema = z.union([
  z.boolean(),
  z.number().int().min(1).max(32),
  z.array(proxyAddress).min(1).max(100),
  z
    .string()
    .max(2000)
    .transform((text, ctx) => {
      const parts = text.split(',').map((part) => part.trim());
      for (const part of parts) {
        if (!proxyAddress.safeParse(part).success) {
          ctx.addIssue({ code: 'custom', message: `"${part.slice(0, 60)}" is not an address, a CIDR range or loopback/linklocal/uniquelocal` });
        }
      }
      return parts;
    }),
]);

/** The portal's password policy (see `server/policy/password-policy.ts`), checked for consistency. */
const passwordsSchema = z
  .object({
    minLength: z.number().int(),
    maxLength: z.number().int(),
    minClasses: z.number().int(),
    historyCount: z.number().int().max(24),
    maxAgeDays: z.number().int().nullable(),
    reminderDays: z.number().int(),
    notifyDays: z.number().int(),
    blocklist: z.boolean(),
    rejectUsername: z.boolean(),
    /** Site words (portal or company name) added to the common-password blocklist. */
    extraBlockedWords: z.array(z.string().min(1).max(128)).max(1000),
  })
  .superRefine((policy, ctx) => {
    for (const problem of validatePasswordPolicy(policy)) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Schema of the merged configuration. */
export const serverConfigSchema = z
  .object({
    trustProxy: trustProxySchema,
    branding: z.object({
      name: z.string().min(1).max(100),
      supportPhones: z.array(z.string().min(1).max(40)).max(10),
      supportEmail: z.email(),
    }),
    sessions: z.object({
      idleTimeoutSeconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 86400),
      absoluteTimeoutSeconds: z
        .number()
        .int()
        .min(1)
        .max(30 * 86400),
    }),
    argon2: z.object({
      // Floors from OWASP / SECURITY.md; the config may raise, never lower them.
      memoryCost: z
        .number()
        .int()
        .min(19456)
        .max(4 * 1024 * 1024),
      timeCost: z.number().int().min(2).max(20),
      parallelism: z.literal(1),
    }),
    launch: z.object({
      icaAddress: hostPort,
      rdpAddress: hostPort,
      allowedHosts: z.array(z.string().min(1).max(253)).min(1),
      allowClipboard: z.boolean(),
      allowDrives: z.boolean(),
      ticketTtlSeconds: z.number().int().min(5).max(3600),
      /** Base URL of light-version links; null = the URL the server listens on. */
      webBaseUrl: z.url({ protocol: /^https?$/ }).nullable(),
    }),
    apps: z.array(appSchema).min(1),
    light: lightSettingsSchema,
    // ── File transfers: the FTPS endpoint started with the portal ──
    ftps: z.object({
      enabled: z.boolean(),
      /** Control port for `serve`; a portal started on a random HTTP port (tests) uses a random one too. */
      port: z.number().int().min(0).max(65535),
      /** Passive data ports; null lets the OS pick. */
      pasvPortRange: z
        .object({ min: z.number().int().min(1024).max(65535), max: z.number().int().min(1024).max(65535) })
        .refine((r) => r.min <= r.max, 'min must not exceed max')
        .nullable(),
      /** IPv4 address announced to clients (credentials and PASV); null = the bind address. */
      publicHost: z.ipv4().nullable(),
      /** Pre-login caps (server/ftps/pre-login.ts): connections per address not logged in, and time to log in. */
      maxPreLoginPerAddress: z.number().int().min(1).max(1000),
      preLoginTimeoutSeconds: z.number().int().min(1).max(300),
      /** Each user's storage quota and largest file, in bytes (server/ftps/quota.ts); going over answers 552. */
      quotaBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      maxFileBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    }),
    // ── Second factor and activation ──
    mfa: z.object({
      /** Pushes: SECURITY.md's limits are the defaults (60 s, 3 pending, 5 per 10 min). */
      push: z.object({
        expirySeconds: z.number().int().min(5).max(600),
        maxPending: z.number().int().min(1).max(20),
        maxPerWindow: z.number().int().min(1).max(100),
        windowSeconds: z.number().int().min(10).max(86400),
        /**
         * Verified push (number matching): `always` shows a 3-digit code at
         * sign-in that the phone must be given before *Approve* works; `off`
         * is an approve-only push. An enum, so a risk-based mode can join it.
         */
        verification: z.enum(['always', 'off']),
        /** How long a user's pushes stay muted after *This wasn't me* (passcodes only meanwhile). */
        muteAfterReportMinutes: z.number().int().min(1).max(24 * 60),
      }),
      /**
       * Longest a client's push wait is held open (long poll). The default
       * (12 s) stays under the desktop client's 15 s request timeout.
       */
      longPollSeconds: z.number().int().min(1).max(25),
      /** "Remember me for 8 hours": exactly this long. */
      rememberSeconds: z.number().int().min(60).max(30 * 86400),
      /** How long a sign-in (with its activation steps) may take. */
      flowTtlSeconds: z.number().int().min(60).max(86400),
      /** How long an unfinished enrollment (its QR codes) stays usable. */
      enrollmentTtlSeconds: z.number().int().min(60).max(86400),
      /** How long a step-up (password + factor) authorises adding/removing a method. */
      stepUpSeconds: z.number().int().min(30).max(3600),
    }),
    // ── Password policy, lockout and reset (every rule configurable) ──
    passwords: passwordsSchema,
    lockout: z.object({
      maxFailures: z.number().int().min(1).max(100),
      windowMinutes: z.number().int().min(1).max(24 * 60),
      /** null = locked until a manager unlocks (`cli unlock USER`). */
      lockMinutes: z.number().int().min(1).max(30 * 24 * 60).nullable(),
      warnWhenAttemptsLeft: z.number().int().min(0).max(100),
    }),
    reset: z.object({
      /** How long a sign-in step or a forgotten-password reset may take. */
      flowTtlSeconds: z.number().int().min(30).max(3600),
    }),
    // ── Temporary passwords (new accounts, and the ones a manager issues) ──
    temporaryPasswords: z.object({
      /** How long a temporary password opens activation. */
      validHours: z.number().int().min(1).max(24 * 365),
    }),
    // ── New-user requests ──
    requests: z.object({
      /** How many requests (new or merged) one user may file per window. */
      maxPerWindow: z.number().int().min(1).max(1000),
      windowMinutes: z.number().int().min(1).max(7 * 24 * 60),
    }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.apps.forEach((app, index) => {
      if (seen.has(app.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['apps', index, 'id'],
          message: `duplicate app id "${app.id}"`,
        });
      }
      seen.add(app.id);
    });
    for (const key of ['icaAddress', 'rdpAddress'] as const) {
      const host = config.launch[key].split(':')[0] ?? '';
      if (!config.launch.allowedHosts.includes(host)) {
        ctx.addIssue({
          code: 'custom',
          path: ['launch', key],
          message: `host "${host}" is not in launch.allowedHosts`,
        });
      }
    }
  });

/** The validated server configuration. */
export type ServerConfig = z.infer<typeof serverConfigSchema>;
/** One entry of the app catalogue. */
export type AppConfig = ServerConfig['apps'][number];

/** Thrown when configuration is invalid; the message is meant for a human. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `overlay` onto `base`; arrays and scalars replace, `undefined` is skipped. */
export function mergeDeep<T>(base: T, overlay: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(overlay)) {
    return (overlay === undefined ? base : overlay) as T;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === undefined || key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = mergeDeep(out[key], value);
  }
  return out as T;
}

/** Merges the layers onto the defaults and validates the result. */
export function resolveConfig(...layers: Array<DeepPartial<ServerConfig> | undefined>): ServerConfig {
  let merged: unknown = structuredClone(defaults);
  for (const layer of layers) merged = mergeDeep(merged, layer);
  const parsed = serverConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Reads a JSON config file (validated later, after merging). */
export function readConfigFile(path: string): DeepPartial<ServerConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(value)) throw new ConfigError(`Config file ${path} must contain a JSON object.`);
  return value as DeepPartial<ServerConfig>;
}

/** Config overrides taken from the environment (`PORTICO_IDLE_TIMEOUT_SECONDS`). */
export function envConfigOverrides(env: NodeJS.ProcessEnv): DeepPartial<ServerConfig> {
  const idle = env.PORTICO_IDLE_TIMEOUT_SECONDS;
  if (idle === undefined || idle === '') return {};
  if (!/^\d+$/.test(idle)) {
    throw new ConfigError(`PORTICO_IDLE_TIMEOUT_SECONDS must be a whole number of seconds, got "${idle}".`);
  }
  return { sessions: { idleTimeoutSeconds: Number(idle) } };
}
