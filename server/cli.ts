/**
 * Admin CLI of the reference portal: `npx portico-portal <command>`, built to
 * out/server/cli.js (scripts/portal-cli.mjs; `npm run server` builds if stale).
 *
 *   serve [--port N] [--host H] [--data-dir D] [--config F] [--log]
 *   create-user <username> --name "Full Name" [--role manager] [--email E]
 *   list-users
 *   unlock <username>
 *   list-requests | approve-request <id> [--username U] | reset-mfa | disable | enable <username>
 *   issue-temporary-password <username>
 *   audit [--since 24h|ISO] [--type T] [--user U] [--csv]
 *   migrate
 *   rotate-key
 *   doctor [--ftps-port N] [--ftps-host H] [--cert F] [--key F]   (default: config ftps.port)
 *
 * `DATABASE_URL` selects PostgreSQL; otherwise data lives in the data dir.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PasswordHasher, generateReadablePassword } from './auth/passwords';
import { LockoutStore } from './auth/lockout-store';
import { markTemporaryPassword, temporaryPasswordExpiry } from './auth/temporary-password';
import { createUser, listUsers, USERNAME_PATTERN, UsernameTakenError } from './auth/users';
import { systemClock } from './clock';
import { ConfigError, envConfigOverrides, mergeDeep, readConfigFile, resolveConfig } from './config';
import type { DeepPartial, ServerConfig } from './config';
import { openDb } from './db';
import { openSignals } from './db/signals';
import { startServer } from './index';
import { doctorCommand, doctorOptionsFrom, DoctorUsageError, migrateCommand } from './ops/commands';
import { rotateKeyCli } from './ops/rotate-key';
import { defaultDataDir } from './paths';
import {
  AdminUsageError,
  approveRequestCommand,
  auditCommand,
  issueTemporaryPasswordCommand,
  listRequestsCommand,
  userActionCommand,
  type CliEnv,
} from './admin/cli-commands';

const USAGE = `Usage: portico-portal <command> [options]

Commands:
  serve [--port N] [--host H] [--data-dir D] [--config F] [--log]
  create-user <username> --name "Full Name" [--role manager] [--email E]
  list-users
  unlock <username>           unlock an account locked after failed sign-ins
  list-requests               pending new-user requests (ids, suggested usernames)
  approve-request <id> [--username U]
                              create the account; prints the temporary password once
  reset-mfa <username>        remove all MFA devices; the user enrolls again
  issue-temporary-password <username>
                              a new temporary password (printed once) when the old one expired
  disable <username> | enable <username>
  audit [--since 24h|7d|ISO] [--type T] [--user U] [--csv]
                              the audit log, oldest first
  migrate                     apply pending database migrations and list them
  rotate-key                  re-encrypt every TOTP seed under a new key (PGlite: portal stopped)
  doctor [--ftps-port N] [--ftps-host H] [--cert F] [--key F]
                              check database, migrations, clock, FTPS port, certificate

Common options: --data-dir D (default: $PORTICO_DATA_DIR or the per-user data folder),
                --config F (or $PORTICO_SERVER_CONFIG). DATABASE_URL selects PostgreSQL.`;

class UsageError extends Error {}

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  log: { type: 'boolean' },
  name: { type: 'string' },
  role: { type: 'string', multiple: true },
  email: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'ftps-port': { type: 'string' },
  'ftps-host': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  // New-user request and audit commands.
  username: { type: 'string' },
  since: { type: 'string' },
  type: { type: 'string' },
  user: { type: 'string' },
  csv: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function configLayers(values: Values): DeepPartial<ServerConfig> {
  const file = values.config ?? process.env.PORTICO_SERVER_CONFIG;
  const fromFile = file ? readConfigFile(file) : {};
  return mergeDeep(fromFile, envConfigOverrides(process.env));
}

function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

async function serve(values: Values): Promise<void> {
  const port = values.port === undefined ? 7443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`Invalid --port "${values.port}".`);
  const server = await startServer({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    host: values.host ?? '127.0.0.1',
    port,
    config: configLayers(values),
    databaseUrl: databaseUrl(),
    log: values.log ?? false,
  });
  console.log(`Portal listening on ${server.url}`);
  // File transfers: the FTPS endpoint started with the portal (config `ftps`).
  if (server.ftps) console.log(`FTPS (explicit TLS) listening on port ${server.ftps.port}; user folders in ${server.ftps.filesDir}`);
  if (server.demoAccount) {
    // The one place a password is ever shown: like the e-mail a customer gets.
    console.log('A demo account was created. Keep these credentials; they are not shown again:');
    console.log(`  Username: ${server.demoAccount.username}`);
    console.log(`  Password: ${server.demoAccount.password}`);
  }
  console.log(
    `PORTICO_PORTAL_READY ${JSON.stringify({ url: server.url, demoAccountCreated: server.demoAccount !== null })}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`Received ${signal}, shutting down...`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function withDb<T>(
  values: Values,
  fn: (db: Awaited<ReturnType<typeof openDb>>, config: ServerConfig) => Promise<T>,
): Promise<T> {
  const config = resolveConfig(configLayers(values));
  const db = await openDb({ dataDir: values['data-dir'] ?? defaultDataDir(), databaseUrl: databaseUrl() });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

async function createUserCommand(values: Values, positionals: string[]): Promise<void> {
  const username = positionals[0];
  if (!username || !USERNAME_PATTERN.test(username)) {
    throw new UsageError('create-user needs a username: letters, digits and . _ @ - (up to 128 characters).');
  }
  const name = values.name?.trim();
  if (!name || name.length > 100)
    throw new UsageError('create-user needs --name "Full Name" (up to 100 characters).');
  const extraRoles = values.role ?? [];
  for (const role of extraRoles) {
    if (role !== 'manager') throw new UsageError(`Unknown role "${role}" (known: manager).`);
  }
  const password = generateReadablePassword();
  await withDb(values, async (db, config) => {
    const passwordHash = await new PasswordHasher(config.argon2).hash(password);
    const now = systemClock.now();
    const user = await createUser(db, {
      username,
      displayName: name,
      email: values.email ?? null,
      passwordHash,
      roles: ['user', ...new Set(extraRoles)],
      mustChangePassword: true,
      now,
    });
    await markTemporaryPassword(db, user.id, temporaryPasswordExpiry(config.temporaryPasswords.validHours, now));
  });
  console.log(`Created ${username} (${name}).`);
  console.log(`Temporary password: ${password}`);
  console.log('Send it to the user; they must change it at first sign-in.');
}

async function listUsersCommand(values: Values): Promise<void> {
  const users = await withDb(values, (db) => listUsers(db));
  const rows = users.map((user) => [
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
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  }
}

async function migrateCli(values: Values): Promise<void> {
  await migrateCommand(
    { dataDir: values['data-dir'] ?? defaultDataDir(), databaseUrl: databaseUrl() },
    (line) => console.log(line),
  );
}

async function doctorCli(values: Values): Promise<void> {
  let options;
  try {
    options = doctorOptionsFrom(
      {
        database: { dataDir: values['data-dir'] ?? defaultDataDir(), databaseUrl: databaseUrl() },
        ftpsHost: values['ftps-host'] ?? values.host,
        ftpsPort: values['ftps-port'],
        configuredFtps: resolveConfig(configLayers(values)).ftps,
        certPath: values.cert,
        keyPath: values.key,
      },
      existsSync,
    );
  } catch (error) {
    if (error instanceof DoctorUsageError) throw new UsageError(error.message);
    throw error;
  }
  process.exitCode = await doctorCommand(options, (line) => console.log(line));
}

/** `unlock USER`: a manager lifts a lockout (also the only way when `lockout.lockMinutes` is null). */
async function unlockCommand(values: Values, positionals: string[]): Promise<void> {
  const username = positionals[0];
  if (!username || username.length > 128) throw new UsageError('unlock needs a username.');
  const wasLocked = await withDb(values, (db, config) =>
    new LockoutStore(db, systemClock, config.lockout).unlock(username, 'cli'),
  );
  console.log(wasLocked ? `Unlocked ${username}.` : `${username} was not locked; its failed attempts were cleared.`);
}

/** Runs an admin (requests, accounts, audit) command with the database open. */
function adminCli(values: Values, run: (env: CliEnv) => Promise<void>): Promise<void> {
  return withDb(values, async (db, config) => {
    const url = databaseUrl();
    const signals = await openSignals(db, url ? { connectionString: url } : {});
    try {
      await run({ db, config, clock: systemClock, print: (line) => console.log(line), signals });
    } finally {
      await signals.close();
    }
  });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'serve':
      return serve(values);
    case 'create-user':
      return createUserCommand(values, rest);
    case 'list-users':
      return listUsersCommand(values);
    case 'unlock':
      return unlockCommand(values, rest);
    case 'list-requests':
      return adminCli(values, (env) => listRequestsCommand(env));
    case 'approve-request':
      return adminCli(values, (env) => approveRequestCommand(env, rest[0], values.username));
    case 'reset-mfa':
    case 'disable':
    case 'enable':
      return adminCli(values, (env) => userActionCommand(env, command, rest[0]));
    case 'issue-temporary-password':
      return adminCli(values, (env) => issueTemporaryPasswordCommand(env, rest[0]));
    case 'audit':
      return adminCli(values, (env) => auditCommand(env, { since: values.since, type: values.type, user: values.user, csv: values.csv }));
    case 'migrate':
      return migrateCli(values);
    case 'rotate-key':
      return rotateKeyCli({ dataDir: values['data-dir'] ?? defaultDataDir(), databaseUrl: databaseUrl() });
    case 'doctor':
      return doctorCli(values);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof AdminUsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof ConfigError || error instanceof UsernameTakenError) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.error(`Error: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
