/**
 * The admin socket's wire format and where it lives. The CLI and a running
 * portal on the embedded database (single-process, so the CLI cannot open
 * it) talk over it: one JSON line per request, one per answer.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Longest request line accepted (bytes, newline excluded); a longer one is refused and the connection closed. */
export const MAX_REQUEST_BYTES = 16 * 1024;

/** Longest answer line the CLI reads (an audit of 5000 events fits). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Where a portal on `dataDir` listens and keeps its token. */
export interface AdminSocketPaths {
  /** Owner-only folder (0700) holding the socket and the token. */
  dir: string;
  /** Unix domain socket (mode 0600) or, on Windows, a named pipe. */
  socket: string;
  /** Random token (mode 0600) the CLI reads and sends with each request. */
  token: string;
}

/**
 * The one place that decides the socket's address: `<dataDir>/run/admin.sock`,
 * or on Windows a named pipe named after the data folder (pipes do not live
 * in folders; the token file, under the user's own profile, authenticates).
 */
export function adminSocketPaths(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): AdminSocketPaths {
  const dir = join(dataDir, 'run');
  const socket =
    platform === 'win32'
      ? `\\\\?\\pipe\\portico-portal-${createHash('sha256').update(resolve(dataDir).toLowerCase()).digest('hex').slice(0, 24)}`
      : join(dir, 'admin.sock');
  return { dir, socket, token: join(dir, 'admin.token') };
}

/**
 * Unix socket paths are limited (104 bytes on macOS, 108 on Linux, with the
 * terminating NUL); a longer one cannot be bound.
 */
export function socketPathTooLong(path: string, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32' && Buffer.byteLength(path) > 103;
}

// Generous bounds on shape only: the commands check the content themselves,
// with the same messages on the socket and the direct path.
const arg = z.string().max(1000);

const userCommand = z
  .object({
    name: z.enum(['unlock', 'reset-mfa', 'disable', 'enable', 'issue-temporary-password']),
    username: arg.optional(),
  })
  .strict();

/** Every command the socket runs: the account, request and audit commands of the CLI. */
export const adminCommandSchema = z.union([
  userCommand,
  z
    .object({
      name: z.literal('create-user'),
      username: arg.optional(),
      fullName: arg.optional(),
      roles: z.array(arg).max(10),
      email: arg.optional(),
    })
    .strict(),
  z.object({ name: z.literal('list-users') }).strict(),
  z.object({ name: z.literal('list-requests') }).strict(),
  z.object({ name: z.literal('approve-request'), id: arg.optional(), username: arg.optional() }).strict(),
  z
    .object({
      name: z.literal('audit'),
      since: arg.optional(),
      type: arg.optional(),
      user: arg.optional(),
      csv: z.boolean().optional(),
    })
    .strict(),
]);

/** One command, as the CLI parsed it from its arguments. */
export type AdminCommand = z.output<typeof adminCommandSchema>;

/** One request line. */
export const adminSocketRequest = z
  .object({
    token: z.string().regex(/^[0-9a-f]{64}$/),
    command: adminCommandSchema,
  })
  .strict();

/** What a command printed and how it ended; `exitCode` 2 is a usage error. */
export const adminSocketResponse = z.union([
  z.object({ ok: z.literal(true), lines: z.array(z.string()) }).strict(),
  z
    .object({
      ok: z.literal(false),
      exitCode: z.union([z.literal(1), z.literal(2)]),
      message: z.string(),
      lines: z.array(z.string()),
    })
    .strict(),
]);

/** One answer line. */
export type AdminSocketResponse = z.output<typeof adminSocketResponse>;
