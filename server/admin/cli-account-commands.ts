/**
 * The CLI's account commands that are not in `cli-commands.ts` (unlock,
 * create-user, list-users), and {@link runAdminCommand}, which runs any
 * parsed command: the CLI calls it with the database it opened, a running
 * portal calls it for a command that came over its admin socket.
 */
import { PasswordHasher, generateReadablePassword } from '../auth/passwords';
import { markTemporaryPassword, temporaryPasswordExpiry } from '../auth/temporary-password';
import { createUser, listUsers, USERNAME_PATTERN } from '../auth/users';
import type { AdminCommand, AdminSocketResponse } from './admin-socket-protocol';
import { AdminUsageError, commandFailure } from './cli-errors';
import {
  approveRequestCommand,
  auditCommand,
  CLI_ACTOR,
  forUser,
  issueTemporaryPasswordCommand,
  listRequestsCommand,
  userActionCommand,
  users,
  type CliEnv,
} from './cli-commands';
import { usernameSchema } from './schemas';

/** `unlock USER`: a manager lifts a lockout (also the only way when `lockout.lockMinutes` is null). */
export async function unlockCommand(env: CliEnv, username: string | undefined): Promise<void> {
  if (!username || !usernameSchema.safeParse(username).success)
    throw new AdminUsageError('unlock needs a username.');
  const service = users(env);
  const before = await forUser(username, () => service.get(username));
  // The admin API's action: the lockout store audits `account_unlocked` with the actor `cli`.
  await service.act(CLI_ACTOR, before.username, 'unlock');
  env.print(
    before.locked
      ? `Unlocked ${before.username}.`
      : `${before.username} was not locked; its failed attempts were cleared.`,
  );
}

/** `create-user USER --name N [--role manager] [--email E]`: prints the temporary password once. */
export async function createUserCommand(
  env: CliEnv,
  input: {
    username?: string | undefined;
    fullName?: string | undefined;
    roles: readonly string[];
    email?: string | undefined;
  },
): Promise<void> {
  const { username } = input;
  if (!username || !USERNAME_PATTERN.test(username)) {
    throw new AdminUsageError(
      'create-user needs a username: letters, digits and . _ @ - (up to 128 characters).',
    );
  }
  const name = input.fullName?.trim();
  if (!name || name.length > 100)
    throw new AdminUsageError('create-user needs --name "Full Name" (up to 100 characters).');
  for (const role of input.roles) {
    if (role !== 'manager') throw new AdminUsageError(`Unknown role "${role}" (known: manager).`);
  }
  const password = generateReadablePassword();
  const hasher = env.hasher ?? new PasswordHasher(env.config.argon2);
  const now = env.clock.now();
  const user = await createUser(env.db, {
    username,
    displayName: name,
    email: input.email ?? null,
    passwordHash: await hasher.hash(password),
    roles: ['user', ...new Set(input.roles)],
    mustChangePassword: true,
    now,
  });
  await markTemporaryPassword(
    env.db,
    user.id,
    temporaryPasswordExpiry(env.config.temporaryPasswords.validHours, now),
  );
  env.print(`Created ${username} (${name}).`);
  env.print(`Temporary password: ${password}`);
  env.print('Send it to the user; they must change it at first sign-in.');
}

/** `list-users`: a table of username, name, roles, status, must-change-password, created. */
export async function listUsersCommand(env: CliEnv): Promise<void> {
  const rows = (await listUsers(env.db)).map((user) => [
    user.username,
    user.displayName,
    user.roles.join(','),
    user.status,
    user.mustChangePassword ? 'yes' : 'no',
    user.createdAt.toISOString(),
  ]);
  const header = ['USERNAME', 'NAME', 'ROLES', 'STATUS', 'MUST CHANGE PW', 'CREATED'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) {
    env.print(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  }
}

/** Runs one parsed command. */
export function runAdminCommand(env: CliEnv, command: AdminCommand): Promise<void> {
  switch (command.name) {
    case 'unlock':
      return unlockCommand(env, command.username);
    case 'reset-mfa':
    case 'disable':
    case 'enable':
      return userActionCommand(env, command.name, command.username);
    case 'issue-temporary-password':
      return issueTemporaryPasswordCommand(env, command.username);
    case 'create-user':
      return createUserCommand(env, command);
    case 'list-users':
      return listUsersCommand(env);
    case 'list-requests':
      return listRequestsCommand(env);
    case 'approve-request':
      return approveRequestCommand(env, command.id, command.username);
    case 'audit':
      return auditCommand(env, command);
  }
}

/** Runs `command` and answers what it printed and how it ended (the admin socket's answer). */
export async function runToResponse(
  env: Omit<CliEnv, 'print'>,
  command: AdminCommand,
  onUnexpected: (error: unknown) => void,
): Promise<AdminSocketResponse> {
  const lines: string[] = [];
  try {
    await runAdminCommand({ ...env, print: (line) => lines.push(line) }, command);
    return { ok: true, lines };
  } catch (error) {
    const failure = commandFailure(error);
    if (!failure) {
      onUnexpected(error);
      return {
        ok: false,
        exitCode: 1,
        message: 'Error: the portal could not run the command (see its log).',
        lines,
      };
    }
    return { ok: false, ...failure, lines };
  }
}
