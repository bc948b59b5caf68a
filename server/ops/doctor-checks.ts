/**
 * The individual checks of `server doctor`. Each returns one line of the
 * report and never throws: an operator wants every problem at once, not the
 * first stack trace.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import type { Clock } from '../clock';
import { connectDb, migrationStatus, type Db, type OpenDbOptions } from '../db';

/** Outcome of one check. WARN and SKIP do not fail the doctor; FAIL does. */
export type CheckStatus = 'OK' | 'WARN' | 'FAIL' | 'SKIP';

/** One line of the doctor's report. */
export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Connection strings may carry a password: show only scheme, host, port and database. */
export function describeDatabase(options: OpenDbOptions): string {
  if (!options.databaseUrl) return `embedded (PGlite) in ${options.dataDir}`;
  try {
    const url = new URL(options.databaseUrl);
    const schema = options.schema ? `, schema ${options.schema}` : '';
    return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}${schema}`;
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}

/**
 * Opens the database without migrating it. An embedded database held by a
 * running server is a WARN (PGlite is single-process), not a failure.
 */
export async function openForDoctor(options: OpenDbOptions): Promise<{ db: Db | null; result: CheckResult }> {
  const name = 'database reachable';
  try {
    const db = await connectDb(options);
    await db.query('SELECT 1');
    return { db, result: { name, status: 'OK', detail: describeDatabase(options) } };
  } catch (error) {
    const text = message(error);
    if (!options.databaseUrl && /in use by process/.test(text)) {
      return { db: null, result: { name, status: 'WARN', detail: text } };
    }
    return { db: null, result: { name, status: 'FAIL', detail: `${describeDatabase(options)}: ${text}` } };
  }
}

/** Migrations: every known one applied, none unknown. */
export async function checkMigrations(db: Db): Promise<CheckResult> {
  const name = 'migrations current';
  try {
    const status = await migrationStatus(db);
    if (status.pending.length > 0) {
      const versions = status.pending.map((m) => m.version).join(', ');
      return {
        name,
        status: 'FAIL',
        detail: `${status.pending.length} pending (${versions}); run "server migrate"`,
      };
    }
    if (status.unknown.length > 0) {
      return {
        name,
        status: 'WARN',
        detail: `applied by a newer build: ${status.unknown.join(', ')}`,
      };
    }
    return { name, status: 'OK', detail: `${status.applied.length} applied` };
  } catch (error) {
    return { name, status: 'FAIL', detail: message(error) };
  }
}

/**
 * Compares the server clock with the database's `now()`. Sessions, TOTP and
 * push expiry are decided by the app clock while other instances share the
 * database, so instances whose clocks disagree treat the same row differently.
 */
export async function checkClock(db: Db, clock: Clock, maxSkewMs: number): Promise<CheckResult> {
  const name = 'clock vs database';
  try {
    const before = clock.now().getTime();
    const result = await db.query<{ now: Date | string }>('SELECT now() AS now');
    const after = clock.now().getTime();
    const dbNow = new Date(result.rows[0]!.now).getTime();
    // The database read its clock somewhere within the round trip: compare with the middle.
    const skew = dbNow - (before + after) / 2;
    const detail = `skew ${Math.round(skew)} ms (limit ±${maxSkewMs} ms, round trip ${after - before} ms)`;
    return { name, status: Math.abs(skew) <= maxSkewMs ? 'OK' : 'FAIL', detail };
  } catch (error) {
    return { name, status: 'FAIL', detail: message(error) };
  }
}

/** Reads the first line a server sends (an FTP greeting), or null on timeout. */
function readGreeting(host: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buffer = '';
    const done = (value: string | null, error?: Error): void => {
      socket.destroy();
      if (error) reject(error);
      else resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      const end = buffer.indexOf('\n');
      if (end >= 0 || buffer.length > 512) done(buffer.slice(0, end >= 0 ? end : 512).trim());
    });
    socket.on('error', (error) => done(null, error));
    socket.on('end', () => done(buffer.trim() || null));
  });
}

function tryBind(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

/**
 * The FTPS control port: when something listens there it must greet like an
 * FTP server (`220`); otherwise the port must be free to bind.
 */
export async function checkFtpsPort(
  target: { host: string; port: number } | null,
  timeoutMs = 3000,
): Promise<CheckResult> {
  const name = 'FTPS port';
  if (!target)
    return { name, status: 'SKIP', detail: 'not configured (ftps.enabled is false and no --ftps-port)' };
  const where = `${target.host}:${target.port}`;
  try {
    const greeting = await readGreeting(target.host, target.port, timeoutMs);
    if (greeting?.startsWith('220')) return { name, status: 'OK', detail: `${where} answers (220 greeting)` };
    return {
      name,
      status: 'FAIL',
      detail: `${where} is taken by something that is not an FTP server`,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') {
      return { name, status: 'FAIL', detail: `${where}: ${message(error)}` };
    }
  }
  try {
    await tryBind(target.host, target.port);
    return { name, status: 'OK', detail: `${where} is free and bindable` };
  } catch (error) {
    return { name, status: 'FAIL', detail: `${where} cannot be bound: ${message(error)}` };
  }
}

/**
 * The FTPS certificate: readable, currently valid, matching its key, and not
 * about to expire (clients pin it, so a renewal must be announced).
 */
export function checkCertificate(
  paths: { certPath: string; keyPath: string | null } | null,
  clock: Clock,
  warnDays = 30,
): CheckResult {
  const name = 'certificate';
  if (!paths) return { name, status: 'SKIP', detail: 'no certificate configured (--cert)' };
  if (!existsSync(paths.certPath)) {
    return { name, status: 'FAIL', detail: `${paths.certPath} not found` };
  }
  try {
    const cert = new X509Certificate(readFileSync(paths.certPath));
    const now = clock.now().getTime();
    const from = new Date(cert.validFrom).getTime();
    const to = new Date(cert.validTo).getTime();
    const dates = `valid ${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
    if (now < from) return { name, status: 'FAIL', detail: `not yet valid: ${dates}` };
    if (now > to) return { name, status: 'FAIL', detail: `expired: ${dates}` };
    if (paths.keyPath) {
      if (!existsSync(paths.keyPath)) return { name, status: 'FAIL', detail: `${paths.keyPath} not found` };
      const key = createPrivateKey(readFileSync(paths.keyPath));
      if (!cert.checkPrivateKey(key)) {
        return { name, status: 'FAIL', detail: 'the private key does not match the certificate' };
      }
    }
    const daysLeft = Math.floor((to - now) / 86_400_000);
    if (daysLeft < warnDays) return { name, status: 'WARN', detail: `expires in ${daysLeft} days: ${dates}` };
    return { name, status: 'OK', detail: dates };
  } catch (error) {
    return { name, status: 'FAIL', detail: `${paths.certPath}: ${message(error)}` };
  }
}
