/**
 * `server doctor`: checks an installation before (or while) it serves —
 * database reachable and migrated, FTPS port, certificate, clock — and
 * reports every finding as an OK/WARN/FAIL/SKIP line.
 */
import { replaceUnsafe } from '../../common/text/guard';
import { systemClock, type Clock } from '../clock';
import type { OpenDbOptions } from '../db';
import {
  checkCertificate,
  checkClock,
  checkFtpsPort,
  checkMigrations,
  openForDoctor,
  type CheckResult,
} from './doctor-checks';

export type { CheckResult, CheckStatus } from './doctor-checks';

/** What to check. */
export interface DoctorOptions {
  database: OpenDbOptions;
  /** FTPS control endpoint to check; null skips the check. */
  ftps?: { host: string; port: number } | null;
  /** FTPS certificate (and optionally its key); null skips the check. */
  certificate?: { certPath: string; keyPath: string | null } | null;
  clock?: Clock;
  /** Largest tolerated difference between this machine's clock and the database's. Default 2 s. */
  maxClockSkewMs?: number;
}

/** Runs every check; never throws. */
export async function runDoctor(options: DoctorOptions): Promise<CheckResult[]> {
  const clock = options.clock ?? systemClock;
  const results: CheckResult[] = [];
  const { db, result } = await openForDoctor(options.database);
  results.push(result);
  if (db) {
    try {
      results.push(await checkMigrations(db));
      results.push(await checkClock(db, clock, options.maxClockSkewMs ?? 2000));
    } finally {
      await db.close().catch(() => undefined);
    }
  } else {
    const why = 'database not reachable';
    results.push({ name: 'migrations current', status: 'SKIP', detail: why });
    results.push({ name: 'clock vs database', status: 'SKIP', detail: why });
  }
  results.push(await checkFtpsPort(options.ftps ?? null));
  results.push(checkCertificate(options.certificate ?? null, clock));
  return results;
}

/** True when no check failed. */
export function doctorPassed(results: readonly CheckResult[]): boolean {
  return results.every((result) => result.status !== 'FAIL');
}

/** The report as aligned text lines: `STATUS  CHECK  DETAIL`. */
export function formatDoctorReport(results: readonly CheckResult[]): string {
  const nameWidth = Math.max(5, ...results.map((result) => result.name.length));
  const lines = results.map((result) =>
    `${result.status.padEnd(6)}  ${result.name.padEnd(nameWidth)}  ${oneLine(result.detail)}`.trimEnd(),
  );
  return [`STATUS  ${'CHECK'.padEnd(nameWidth)}  DETAIL`, ...lines].join('\n');
}

/** Error texts may span lines (or carry control characters); keep the table a table. */
function oneLine(text: string): string {
  return replaceUnsafe(text, ' ', { collapse: true }).slice(0, 300);
}
