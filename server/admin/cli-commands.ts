/**
 * The admin CLI's request and account commands (`server/cli.ts` parses the
 * arguments and calls these): the same services the admin routes use, with
 * `cli` as the audited actor.
 */
import { PasswordHasher } from '../auth/passwords';
import { SessionStore } from '../auth/sessions';
import type { Signals } from '../db/signals';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { PortalError } from '../errors';
import { auditToCsv } from './audit-csv';
import { AdminCommandError, AdminUsageError } from './cli-errors';
import { queryAudit } from './audit-query';
import { RequestsService } from './requests-service';
import { requestIdParams, usernameSchema } from './schemas';
import { AdminUsersService, type Actor } from './users-service';

/** What every command gets. */
export interface CliEnv {
  db: Db;
  config: ServerConfig;
  clock: Clock;
  print(line: string): void;
  /** Tells running portal instances to drop cached sessions a command revokes (disable, reset MFA…). */
  signals?: Signals;
  /** The running portal's own session store and hasher (commands through the admin socket). */
  sessions?: SessionStore;
  hasher?: PasswordHasher;
}

export { AdminCommandError, AdminUsageError } from './cli-errors';

/** Runs `run`, turning "no such user" into the operator's words: `no user named <username>`. */
export async function forUser<T>(username: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PortalError && error.code === 'not_found') throw new AdminCommandError(`no user named ${username}`);
    throw error;
  }
}

/** Who the audit log names for every CLI command, on both paths. */
export const CLI_ACTOR: Actor = { userId: null, name: 'cli' };

/** The admin API's account service, with the portal's sessions when there are some. */
export function users(env: CliEnv): AdminUsersService {
  if (env.sessions) return new AdminUsersService({ ...env, sessions: env.sessions });
  // No cache of its own (one command, one process); revocations reach the running instances' caches at once.
  const sessions = new SessionStore(env.db, env.clock, env.config.sessions, {
    cache: false,
    ...(env.signals ? { signals: env.signals } : {}),
  });
  return new AdminUsersService({ ...env, sessions });
}

function requests(env: CliEnv): RequestsService {
  return new RequestsService({
    db: env.db,
    clock: env.clock,
    hasher: env.hasher ?? new PasswordHasher(env.config.argon2),
    limits: env.config.requests,
    temporaryPasswordHours: env.config.temporaryPasswords.validHours,
  });
}

/** Turns a portal error into a one-line message for the terminal. */
export function cliMessage(error: unknown): string | null {
  return error instanceof PortalError ? error.message : null;
}

/** `list-requests`: pending requests with their ids and suggested usernames. */
export async function listRequestsCommand(env: CliEnv): Promise<void> {
  const pending = await requests(env).list('pending');
  if (pending.length === 0) env.print('No pending requests.');
  for (const r of pending) {
    env.print(
      `${r.id}  ${r.fullName} <${r.email}>  suggested: ${r.suggestedUsername}  requested by: ${r.requestedBy.join(', ')}`,
    );
  }
}

/** `approve-request ID [--username U]`: creates the account and prints the temporary password once. */
export async function approveRequestCommand(
  env: CliEnv,
  id: string | undefined,
  username: string | undefined,
): Promise<void> {
  if (!id || !requestIdParams.safeParse({ id }).success)
    throw new AdminUsageError('approve-request needs a request id (see list-requests).');
  const service = requests(env);
  let chosen = username;
  if (chosen === undefined) {
    const request = (await service.list('pending')).find((r) => r.id === id);
    chosen = request?.suggestedUsername ?? undefined;
    if (!chosen) throw new AdminUsageError('No pending request has that id (see list-requests).');
  }
  if (!usernameSchema.safeParse(chosen).success) throw new AdminUsageError(`Invalid username "${chosen}".`);
  const approved = await service.approve(CLI_ACTOR, id, chosen);
  env.print(`Created ${approved.username} (${approved.request.fullName}, ${approved.request.email}).`);
  env.print(`Temporary password: ${approved.temporaryPassword}`);
  env.print('Send the password separately from the username (e.g. by phone); it is not shown again.');
}

/** `reset-mfa USER`, `disable USER`, `enable USER`. */
export async function userActionCommand(
  env: CliEnv,
  action: 'reset-mfa' | 'disable' | 'enable',
  username: string | undefined,
): Promise<void> {
  if (!username || !usernameSchema.safeParse(username).success)
    throw new AdminUsageError(`${action} needs a username.`);
  const row = await forUser(username, () => users(env).act(CLI_ACTOR, username, action));
  const done = {
    'reset-mfa': 'MFA reset; they enroll again at the next sign-in',
    disable: 'disabled',
    enable: 'enabled',
  }[action];
  env.print(`${row.username}: ${done}.`);
}

/** `issue-temporary-password USER`: a new temporary password, printed once (the old one and every session end). */
export async function issueTemporaryPasswordCommand(env: CliEnv, username: string | undefined): Promise<void> {
  if (!username || !usernameSchema.safeParse(username).success)
    throw new AdminUsageError('issue-temporary-password needs a username.');
  const issued = await forUser(username, () => users(env).issueTemporaryPassword(CLI_ACTOR, username));
  const hours = env.config.temporaryPasswords.validHours;
  env.print(`${issued.user.username}: temporary password ${issued.temporaryPassword}`);
  env.print(`It works for ${hours} hours and must be changed at the next sign-in. Send it separately from the username; it is not shown again.`);
}

/** Parses `--since`: an ISO time, or a duration back from now (`30m`, `24h`, `7d`). */
export function parseSince(value: string | undefined, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const relative = /^(\d{1,6})([mhd])$/.exec(value);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const parsed = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed)) {
    throw new AdminUsageError(`Invalid --since "${value}" (use an ISO date/time or 30m, 24h, 7d).`);
  }
  return new Date(parsed);
}

/** `audit [--since S] [--type T] [--user U] [--csv]`: the audit log, oldest first. */
export async function auditCommand(
  env: CliEnv,
  options: {
    since?: string | undefined;
    type?: string | undefined;
    user?: string | undefined;
    csv?: boolean | undefined;
  },
): Promise<void> {
  const events = (
    await queryAudit(env.db, {
      since: parseSince(options.since, env.clock.now()),
      type: options.type,
      username: options.user,
      limit: 5000,
    })
  ).reverse();
  if (options.csv) {
    env.print(auditToCsv(events).trimEnd());
    return;
  }
  for (const e of events) {
    // JSON-encode names and details so a hostile value cannot forge lines.
    env.print(
      `${e.at}  ${e.type}  actor=${JSON.stringify(e.actor)}  user=${JSON.stringify(e.username ?? '')}  ${JSON.stringify(e.detail)}`,
    );
  }
}
