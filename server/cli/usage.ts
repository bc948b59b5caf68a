/** The admin CLI's arguments: the usage text, the options, and the settings every command reads. */
import { parseArgs } from 'node:util';
import { envConfigOverrides, mergeDeep, readConfigFile } from '../config';
import type { DeepPartial, ServerConfig } from '../config';
import { defaultDataDir } from '../paths';

export const USAGE = `Usage: portico-portal <command> [options]

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
                --config F (or $PORTICO_SERVER_CONFIG). DATABASE_URL selects PostgreSQL.
While a portal runs on the embedded database, the account, request and audit
commands go to it through its admin socket (<data dir>/run/admin.sock).`;

/** A command-line mistake: printed with the usage, exit 2. */
export class UsageError extends Error {}

/** A command that ended with this exit code and message (a portal's answer through the admin socket). */
export class CliExit extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

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

/** The parsed options. */
export type Values = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true }>
>['values'];

/** Parses `argv` strictly (an unknown option throws `ERR_PARSE_ARGS_UNKNOWN_OPTION`). */
export function parseCli(argv: string[]): { values: Values; positionals: string[] } {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

/** The configuration file and environment overrides, in that order. */
export function configLayers(values: Values): DeepPartial<ServerConfig> {
  const file = values.config ?? process.env.PORTICO_SERVER_CONFIG;
  const fromFile = file ? readConfigFile(file) : {};
  return mergeDeep(fromFile, envConfigOverrides(process.env));
}

/** `DATABASE_URL` (PostgreSQL), or undefined for the embedded database. */
export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** `--data-dir`, else `$PORTICO_DATA_DIR`, else the per-user data folder. */
export function dataDirOf(values: Values): string {
  return values['data-dir'] ?? defaultDataDir();
}
