import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../../server/clock';
import { connectDb, type OpenDbOptions } from '../../../server/db';
import { migrations } from '../../../server/db/migrations';
import { ensureFtpsCertificate } from '../../../server/ftps/certificate';
import { doctorOptionsFrom, DoctorUsageError, migrateCommand } from '../../../server/ops/commands';
import { checkCertificate, checkFtpsPort } from '../../../server/ops/doctor-checks';
import { doctorPassed, formatDoctorReport, runDoctor } from '../../../server/ops/doctor';
import { backends, dropTestSchema } from '../helpers';

function statusOf(results: Awaited<ReturnType<typeof runDoctor>>, name: string): string | undefined {
  return results.find((result) => result.name === name)?.status;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe.each(backends)(
  'doctor and migrate ($name)',
  (backend) => {
    let dataDir: string;
    let database: OpenDbOptions;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'portico-doctor-test-'));
      database = {
        dataDir,
        databaseUrl: backend.databaseUrl,
        schema: backend.databaseUrl ? `portico_doctor_${randomBytes(6).toString('hex')}` : undefined,
      };
    });
    afterAll(async () => {
      await dropTestSchema(backend.databaseUrl, database?.schema);
      await rm(dataDir, { recursive: true, force: true });
    });

    it('fails on an unmigrated database without changing it', async () => {
      const results = await runDoctor({ database });
      expect(statusOf(results, 'database reachable')).toBe('OK');
      expect(statusOf(results, 'migrations current')).toBe('FAIL');
      expect(doctorPassed(results)).toBe(false);
      const db = await connectDb(database);
      try {
        const found = await db.query<{ found: string | null }>(
          "SELECT to_regclass('schema_migrations')::text AS found",
        );
        expect(found.rows[0]?.found ?? null).toBeNull();
      } finally {
        await db.close();
      }
    });

    it('migrate applies every migration once and says so', async () => {
      const lines: string[] = [];
      const ran = await migrateCommand(database, (line) => lines.push(line));
      expect(ran).toEqual(migrations.map((m) => m.version).sort((x, y) => x - y));
      for (const migration of migrations) {
        expect(lines.some((line) => line.includes(`applied ${migration.version}: ${migration.name}`))).toBe(
          true,
        );
      }
      const again: string[] = [];
      expect(await migrateCommand(database, (line) => again.push(line))).toEqual([]);
      expect(again.join('\n')).toMatch(/up to date/);
    });

    it('passes on a migrated database with a sane clock', async () => {
      const results = await runDoctor({ database });
      expect(results.map((r) => [r.name, r.status])).toEqual([
        ['database reachable', 'OK'],
        ['migrations current', 'OK'],
        ['clock vs database', 'OK'],
        ['FTPS port', 'SKIP'],
        ['certificate', 'SKIP'],
      ]);
      expect(doctorPassed(results)).toBe(true);
      expect(formatDoctorReport(results).split('\n')).toHaveLength(results.length + 1);
    });

    it('fails when this machine and the database disagree about the time', async () => {
      const skewed = new ManualClock(new Date(systemClock.now().getTime() - 10 * 60_000));
      const results = await runDoctor({ database, clock: skewed });
      expect(statusOf(results, 'clock vs database')).toBe('FAIL');
    });
  },
  90_000,
);

describe('doctor: database unreachable', () => {
  it('fails, skips the dependent checks and never prints the password', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const results = await runDoctor({
      database: { dataDir: '', databaseUrl: `postgres://portal:s3cret-pw@127.0.0.1:${port}/portico` },
    });
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'SKIP', 'SKIP', 'SKIP', 'SKIP']);
    expect(doctorPassed(results)).toBe(false);
    expect(formatDoctorReport(results)).not.toContain('s3cret-pw');
  });
}, 90_000);

describe('doctor: FTPS port', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('accepts a listener that greets like FTP', async () => {
    const ftp = createServer((socket) => socket.end('220 Portico FTPS ready\r\n'));
    servers.push(ftp);
    const port = await listen(ftp);
    expect((await checkFtpsPort({ host: '127.0.0.1', port })).status).toBe('OK');
  });

  it('fails when something else holds the port', async () => {
    const silent = createServer(() => undefined);
    servers.push(silent);
    const port = await listen(silent);
    expect((await checkFtpsPort({ host: '127.0.0.1', port }, 500)).status).toBe('FAIL');
  });

  it('accepts a free port it can bind, and skips when not configured', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await checkFtpsPort({ host: '127.0.0.1', port });
    expect(result.status).toBe('OK');
    expect(result.detail).toMatch(/bindable/);
    expect((await checkFtpsPort(null)).status).toBe('SKIP');
  });
}, 90_000);

describe('doctor: certificate', () => {
  let dirA: string;
  let dirB: string;
  beforeAll(async () => {
    dirA = await mkdtemp(join(tmpdir(), 'portico-doctor-cert-'));
    dirB = await mkdtemp(join(tmpdir(), 'portico-doctor-cert-'));
    await Promise.all([ensureFtpsCertificate(dirA), ensureFtpsCertificate(dirB)]);
  });
  afterAll(async () => {
    await rm(dirA, { recursive: true, force: true });
    await rm(dirB, { recursive: true, force: true });
  });

  const paths = (certDir: string, keyDir: string) => ({
    certPath: join(certDir, 'ftps-cert.pem'),
    keyPath: join(keyDir, 'ftps-key.pem'),
  });
  const daysFromNow = (days: number) => new ManualClock(new Date(Date.now() + days * 86_400_000));

  it('accepts a current certificate with its key', () => {
    expect(checkCertificate(paths(dirA, dirA), systemClock).status).toBe('OK');
  });

  it('fails for an expired or not yet valid certificate, and warns shortly before expiry', () => {
    expect(checkCertificate(paths(dirA, dirA), daysFromNow(800)).status).toBe('FAIL');
    expect(checkCertificate(paths(dirA, dirA), daysFromNow(-2)).status).toBe('FAIL');
    expect(checkCertificate(paths(dirA, dirA), daysFromNow(720)).status).toBe('WARN');
  });

  it('fails for a key that does not match, a missing file or garbage', () => {
    expect(checkCertificate(paths(dirA, dirB), systemClock).status).toBe('FAIL');
    expect(checkCertificate({ certPath: join(dirA, 'missing.pem'), keyPath: null }, systemClock).status).toBe(
      'FAIL',
    );
    expect(
      checkCertificate({ certPath: join(dirA, 'ftps-key.pem'), keyPath: null }, systemClock).status,
    ).toBe('FAIL');
  });

  it('finds the generated certificate in the data dir and validates --ftps-port', () => {
    const options = doctorOptionsFrom({ database: { dataDir: dirA } }, () => true);
    expect(options.certificate?.certPath).toBe(join(dirA, 'ftps-cert.pem'));
    expect(doctorOptionsFrom({ database: { dataDir: dirA } }, () => false).certificate).toBeNull();
    expect(doctorOptionsFrom({ database: { dataDir: dirA }, ftpsPort: '990' }, () => false).ftps).toEqual({
      host: '127.0.0.1',
      port: 990,
    });
    const fromConfig = (enabled: boolean, port: number) =>
      doctorOptionsFrom({ database: { dataDir: dirA }, configuredFtps: { enabled, port } }, () => false).ftps;
    expect(fromConfig(true, 7990)).toEqual({ host: '127.0.0.1', port: 7990 });
    expect(fromConfig(false, 7990)).toBeNull();
    for (const bad of ['0', '70000', '12ab', '-1']) {
      expect(() => doctorOptionsFrom({ database: { dataDir: dirA }, ftpsPort: bad }, () => false)).toThrow(
        DoctorUsageError,
      );
    }
  });
}, 90_000);

describe('doctor: report formatting', () => {
  it('keeps hostile details on one line: control runs, line separators and bidi controls become one space', () => {
    const report = formatDoctorReport([{ name: 'database reachable', status: 'FAIL', detail: 'bad\r\n\u0000host\u2028x\u202Ey 😀' }]);
    expect(report.split('\n')).toHaveLength(2);
    expect(report.split('\n')[1]).toMatch(/ bad host x y 😀$/);
  });
});
