/**
 * Admin CLI of the reference portal: `npx portico-portal <command>`, built to
 * out/server/cli.js (scripts/portal-cli.mjs; `npm run server` builds if stale).
 * The commands are listed in `cli/usage.ts`; `serve` is `cli/serve.ts`; the
 * account, request and audit commands (`cli/admin.ts`) go to a running
 * portal's admin socket, or to the database when none runs.
 *
 * The portal and database modules are imported only by the commands that
 * use them, so a command answered through the socket starts quickly.
 *
 * `DATABASE_URL` selects PostgreSQL; otherwise data lives in the data dir.
 */
import { existsSync } from 'node:fs';
import { commandFailure } from './admin/cli-errors';
import { resolveConfig } from './config';
import { adminCommand } from './cli/admin';
import {
  CliExit,
  configLayers,
  databaseUrl,
  dataDirOf,
  parseCli,
  USAGE,
  UsageError,
  type Values,
} from './cli/usage';

async function migrateCli(values: Values): Promise<void> {
  const { migrateCommand } = await import('./ops/commands');
  await migrateCommand({ dataDir: dataDirOf(values), databaseUrl: databaseUrl() }, (line) =>
    console.log(line),
  );
}

async function doctorCli(values: Values): Promise<void> {
  const { doctorCommand, doctorOptionsFrom, DoctorUsageError } = await import('./ops/commands');
  let options;
  try {
    options = doctorOptionsFrom(
      {
        database: { dataDir: dataDirOf(values), databaseUrl: databaseUrl() },
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

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCli(argv);
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'serve':
      return (await import('./cli/serve')).serve(values);
    case 'create-user':
      return adminCommand(values, {
        name: command,
        username: rest[0],
        fullName: values.name,
        roles: values.role ?? [],
        email: values.email,
      });
    case 'list-users':
    case 'list-requests':
      return adminCommand(values, { name: command });
    case 'unlock':
    case 'reset-mfa':
    case 'disable':
    case 'enable':
    case 'issue-temporary-password':
      return adminCommand(values, { name: command, username: rest[0] });
    case 'approve-request':
      return adminCommand(values, { name: command, id: rest[0], username: values.username });
    case 'audit':
      return adminCommand(values, {
        name: command,
        since: values.since,
        type: values.type,
        user: values.user,
        csv: values.csv,
      });
    case 'migrate':
      return migrateCli(values);
    case 'rotate-key':
      return (await import('./ops/rotate-key')).rotateKeyCli({ dataDir: dataDirOf(values), databaseUrl: databaseUrl() });
    case 'doctor':
      return doctorCli(values);
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage =
    error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  const failure = usage
    ? { exitCode: 2, message: (error as Error).message }
    : error instanceof CliExit
      ? error
      : commandFailure(error);
  if (!failure) {
    console.error(`Error: ${(error as Error).message ?? String(error)}`);
    process.exit(1);
  }
  console.error(failure.exitCode === 2 ? `${failure.message}\n\n${USAGE}` : failure.message);
  process.exit(failure.exitCode);
});
