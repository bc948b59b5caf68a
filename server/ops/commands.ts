/**
 * The operations commands of the admin CLI (`migrate`, `doctor`), kept apart
 * from `server/cli.ts` so argument parsing stays there and the work here is
 * testable without spawning a process.
 */
import { join } from 'node:path';
import { connectDb, migrate, migrationStatus, type OpenDbOptions } from '../db';
import { migrations } from '../db/migrations';
import { describeDatabase } from './doctor-checks';
import { doctorPassed, formatDoctorReport, runDoctor, type DoctorOptions } from './doctor';

/** Where output goes (console in the CLI, an array in tests). */
export type Print = (line: string) => void;

/**
 * Applies pending migrations and prints each one applied.
 * @returns the versions applied.
 */
export async function migrateCommand(database: OpenDbOptions, print: Print): Promise<number[]> {
  const db = await connectDb(database);
  try {
    print(`Database: ${describeDatabase(database)}`);
    const ran = await migrate(db);
    const names = new Map(migrations.map((m) => [m.version, m.name]));
    for (const version of ran) print(`  applied ${version}: ${names.get(version) ?? '(unnamed)'}`);
    const status = await migrationStatus(db);
    print(
      ran.length === 0
        ? `Already up to date (${status.applied.length} migrations applied).`
        : `Applied ${ran.length} migration(s); ${status.applied.length} applied in total.`,
    );
    return ran;
  } finally {
    await db.close();
  }
}

/** Inputs of {@link doctorCommand} as the CLI receives them. */
export interface DoctorCommandInput {
  database: OpenDbOptions;
  ftpsHost?: string;
  ftpsPort?: string;
  /** `ftps` section of the server configuration; its port is checked when `--ftps-port` is absent. */
  configuredFtps?: { enabled: boolean; port: number };
  certPath?: string;
  keyPath?: string;
}

/** Thrown for a bad doctor argument (the CLI prints usage). */
export class DoctorUsageError extends Error {}

/**
 * The doctor's targets from the CLI flags. Without `--cert`, the certificate
 * the reference FTPS endpoint generates in the data dir is checked if present.
 */
export function doctorOptionsFrom(
  input: DoctorCommandInput,
  exists: (path: string) => boolean,
): DoctorOptions {
  let ftps: DoctorOptions['ftps'] = null;
  if (input.ftpsPort !== undefined) {
    const port = Number(input.ftpsPort);
    if (!/^\d{1,5}$/.test(input.ftpsPort) || port < 1 || port > 65535) {
      throw new DoctorUsageError(`Invalid --ftps-port "${input.ftpsPort}".`);
    }
    ftps = { host: input.ftpsHost ?? '127.0.0.1', port };
  } else if (input.configuredFtps?.enabled && input.configuredFtps.port > 0) {
    ftps = { host: input.ftpsHost ?? '127.0.0.1', port: input.configuredFtps.port };
  }
  let certificate: DoctorOptions['certificate'] = null;
  if (input.certPath) {
    certificate = { certPath: input.certPath, keyPath: input.keyPath ?? null };
  } else if (input.database.dataDir && exists(join(input.database.dataDir, 'ftps-cert.pem'))) {
    const keyPath = join(input.database.dataDir, 'ftps-key.pem');
    certificate = {
      certPath: join(input.database.dataDir, 'ftps-cert.pem'),
      keyPath: exists(keyPath) ? keyPath : null,
    };
  }
  return { database: input.database, ftps, certificate };
}

/**
 * Runs the doctor and prints its table.
 * @returns the process exit code: 0 when nothing failed, 1 otherwise.
 */
export async function doctorCommand(options: DoctorOptions, print: Print): Promise<number> {
  const results = await runDoctor(options);
  print(formatDoctorReport(results));
  const passed = doctorPassed(results);
  print(passed ? 'All checks passed.' : 'Some checks FAILED.');
  return passed ? 0 : 1;
}
