/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the whole test run,
 * so the server suites run against both the embedded database and a real
 * PostgreSQL (`.ci/run` runs only `npm test`, and no process outlives a
 * session, so the test run itself has to start the database).
 *
 * - `DATABASE_URL` already set: used as is.
 * - Debian's binaries present (`/usr/lib/postgresql/<v>/bin/initdb`): a temp
 *   cluster on a free loopback port, trust auth, torn down afterwards. As root
 *   the cluster runs as the `postgres` OS user (PostgreSQL refuses root).
 * - Neither: one line on stderr, and the suites run on PGlite only.
 *
 * Tests read the URL from `PORTICO_TEST_DATABASE_URL` (see
 * `tests/server/helpers.ts`). `PORTICO_TEST_POSTGRES=off` skips PostgreSQL.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../../server/db/process-alive';

const PG_ROOT = '/usr/lib/postgresql';

/** Newest Debian PostgreSQL `bin` folder that has `initdb`, or null. */
export function findPostgresBin(root = PG_ROOT): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+(\.\d+)?$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Runner {
  run(bin: string, args: string[]): void;
}

function osUserIds(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function makeRunner(asPostgres: boolean): Runner {
  return {
    run(bin, args) {
      const [command, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
      const result = spawnSync(command, argv, { encoding: 'utf8', cwd: tmpdir() });
      if (result.status !== 0) {
        const detail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() || String(result.error ?? '');
        throw new Error(`${[command, ...argv].join(' ')} failed:\n${detail}`);
      }
    },
  };
}

let stopCluster: (() => void) | null = null;

/**
 * Stops and removes clusters left by test runs that were killed before their
 * teardown (each cluster records its owner's pid in `owner.pid`; clusters
 * whose owner still runs, or without that file, are left alone).
 */
function sweepStaleClusters(parent: string, runner: Runner, pgCtl: string): void {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith('portico-pg-')) continue;
    const dir = join(parent, name);
    let owner: number;
    try {
      owner = Number.parseInt(readFileSync(join(dir, 'owner.pid'), 'utf8'), 10);
    } catch {
      continue;
    }
    if (!Number.isInteger(owner) || owner <= 0 || isProcessAlive(owner)) continue;
    try {
      if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
        runner.run(pgCtl, ['-D', join(dir, 'data'), '-m', 'immediate', '-w', '-t', '30', 'stop']);
      }
    } catch {
      // Already stopped: only the files remain.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the cluster (or notes its absence) and exports the URL for the workers. */
export default async function setup(): Promise<() => void> {
  if (process.env.DATABASE_URL) {
    process.env.PORTICO_TEST_DATABASE_URL ??= process.env.DATABASE_URL;
    return () => undefined;
  }
  if (process.env.PORTICO_TEST_POSTGRES === 'off') {
    console.warn('[portico tests] PORTICO_TEST_POSTGRES=off: server suites run on PGlite only.');
    return () => undefined;
  }
  const bin = findPostgresBin();
  if (!bin) {
    console.warn(
      `[portico tests] PostgreSQL binaries not found under ${PG_ROOT}: server suites run on PGlite only ` +
        '(apt-get install postgresql to test both).',
    );
    return () => undefined;
  }

  const asPostgres = process.getuid?.() === 0;
  // As root, $TMPDIR may sit under /root where the postgres user cannot reach; /tmp is world-traversable.
  const parent = asPostgres && existsSync('/tmp') ? '/tmp' : tmpdir();
  const runner = makeRunner(asPostgres);
  const pgCtl = join(bin, 'pg_ctl');
  sweepStaleClusters(parent, runner, pgCtl);
  const dir = mkdtempSync(join(parent, 'portico-pg-'));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  if (asPostgres) {
    const { uid, gid } = osUserIds('postgres');
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  let started = false;
  try {
    runner.run(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--no-instructions',
    ]);
    const port = await freePort();
    // Durability is pointless for a throwaway cluster; speed is not.
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=400',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    runner.run(pgCtl, ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    process.env.PORTICO_TEST_DATABASE_URL = url;
    console.log(`[portico tests] throwaway PostgreSQL (${bin}) on 127.0.0.1:${port}`);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `Could not start the throwaway PostgreSQL (set PORTICO_TEST_POSTGRES=off to skip it): ${(error as Error).message}\n${log}`,
    );
  }

  stopCluster = () => {
    if (started) {
      try {
        runner.run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } catch (error) {
        console.warn(`[portico tests] stopping PostgreSQL failed: ${(error as Error).message}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    delete process.env.PORTICO_TEST_DATABASE_URL;
  };
  // A run killed by a signal skips vitest's teardown: stop the cluster, then die of the same signal.
  const onSignal = (signal: NodeJS.Signals): void => {
    const stop = stopCluster;
    stopCluster = null;
    stop?.();
    process.kill(process.pid, signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
  return () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
    const stop = stopCluster;
    stopCluster = null;
    stop?.();
  };
}
