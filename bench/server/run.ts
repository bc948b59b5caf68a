/**
 * `npm run bench:server`: the portal under load on loopback, side by side for
 * the embedded database and PostgreSQL, one and two instances.
 *
 * Per setup: 500 concurrent sign-ins (Argon2id at the configured cost), then
 * 5,000 `GET /api/v1/apps` at 200 concurrency (2 instances: the generator
 * round-robins between them, as a balancer would). Prints errors and
 * p50/p99 per endpoint plus instance memory; never asserts a timing.
 *
 * PostgreSQL: `DATABASE_URL` when set, else a throwaway cluster from Debian's
 * binaries (as the tests do), else the PostgreSQL columns are skipped.
 * `PORTICO_SERVER_CONFIG` (a JSON file) overrides the configuration, e.g. a
 * higher Argon2 cost. `--only=load` or `--only=push` runs one half.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PasswordHasher } from '../../server/auth/passwords';
import { createUser } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { readConfigFile, resolveConfig, type DeepPartial, type ServerConfig } from '../../server/config';
import { openDb } from '../../server/db';
import { newSeedKeyText } from '../../server/mfa/seed-keys';
import startThrowawayPostgres from '../../tests/setup/postgres';
import { median, percentile, printTable } from '../support';
import { startInstance, type BenchInstance } from './instances';
import { runKeepAliveLoad, runLoad, type LoadResult } from './load';
import { pushRows, runPushBench } from './push';

const SIGN_INS = 500;
const APP_REQUESTS = 5000;
const APP_CONCURRENCY = 200;
const PASSWORD = 'Bench-Password-2026!';

interface Setup {
  label: string;
  databaseUrl?: string;
  instances: number;
}

interface SetupResult {
  label: string;
  signIn: LoadResult;
  apps: LoadResult;
  rssMb: number[];
}

const configOverrides: DeepPartial<ServerConfig> = process.env.PORTICO_SERVER_CONFIG
  ? readConfigFile(process.env.PORTICO_SERVER_CONFIG)
  : {};
const config = resolveConfig(configOverrides);

/** Creates the bench users through the same path as `server create-user` (one hash, reused: creation is not measured). */
async function createBenchUsers(options: {
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
}): Promise<void> {
  const db = await openDb(options);
  try {
    const passwordHash = await new PasswordHasher(config.argon2).hash(PASSWORD);
    for (let start = 0; start < SIGN_INS; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, SIGN_INS - start) }, (_, offset) =>
          createUser(db, {
            username: `bench${start + offset}`,
            displayName: `Bench User ${start + offset}`,
            email: null,
            passwordHash,
            roles: ['user'],
            mustChangePassword: false,
            now: systemClock.now(),
          }),
        ),
      );
    }
  } finally {
    await db.close();
  }
}

async function signIn(url: string, index: number, tokens: string[]): Promise<true | string> {
  const response = await fetch(new URL('/api/v1/auth/sign-in', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `bench${index}`, password: PASSWORD }),
  });
  const body = (await response.json().catch(() => ({}))) as { step?: string; session?: { token?: string } };
  if (response.status !== 200) return `sign-in HTTP ${response.status}`;
  if (body.step !== 'complete' || !body.session?.token) return `sign-in step "${body.step}"`;
  tokens.push(body.session.token);
  return true;
}

async function runSetup(setup: Setup): Promise<SetupResult> {
  const workDir = await mkdtemp(join(tmpdir(), 'portico-bench-server-'));
  const schema = setup.databaseUrl ? `bench_${randomBytes(6).toString('hex')}` : undefined;
  const instances: BenchInstance[] = [];
  // Instances sharing a database share the TOTP seed key.
  const seedKey = newSeedKeyText();
  try {
    await createBenchUsers({ dataDir: join(workDir, 'instance-0'), databaseUrl: setup.databaseUrl, schema });
    for (let index = 0; index < setup.instances; index += 1) {
      instances.push(
        await startInstance({
          dataDir: join(workDir, `instance-${index}`),
          databaseUrl: setup.databaseUrl,
          databaseSchema: schema,
          config: configOverrides,
          seedKey,
        }),
      );
    }
    const urls = instances.map((instance) => instance.url);
    const tokens: string[] = [];
    const signInResult = await runLoad(SIGN_INS, SIGN_INS, (i) => signIn(urls[i % urls.length]!, i, tokens));
    const apps =
      tokens.length === 0
        ? { latencies: [], errors: APP_REQUESTS, errorSamples: ['no session to use'], wallMs: 0 }
        : // Raw keep-alive connections: `fetch` costs the client more per request than the route costs the server.
          await runKeepAliveLoad({
            url: (client) => urls[client % urls.length]!,
            path: '/api/v1/apps',
            headers: (i) => ({ authorization: `Bearer ${tokens[i % tokens.length]!}` }),
            connections: APP_CONCURRENCY,
            total: APP_REQUESTS,
          });
    const rssMb = await Promise.all(instances.map(async (i) => (await i.rss()) / 2 ** 20));
    return { label: setup.label, signIn: signInResult, apps, rssMb };
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await dropSchema(setup.databaseUrl, schema);
    await rm(workDir, { recursive: true, force: true });
  }
}

async function runPushSetup(setup: Setup) {
  const workDir = await mkdtemp(join(tmpdir(), 'portico-bench-push-'));
  const schema = setup.databaseUrl ? `bench_${randomBytes(6).toString('hex')}` : undefined;
  try {
    return await runPushBench({
      dataDir: join(workDir, 'instance'),
      databaseUrl: setup.databaseUrl,
      databaseSchema: schema,
      config: configOverrides,
      seedKey: newSeedKeyText(),
      instances: setup.instances,
    });
  } finally {
    await dropSchema(setup.databaseUrl, schema);
    await rm(workDir, { recursive: true, force: true });
  }
}

async function dropSchema(databaseUrl: string | undefined, schema: string | undefined): Promise<void> {
  if (!databaseUrl || !schema) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : `${Math.round(value)}`);

function sideBySide(results: SetupResult[]): void {
  const rows: string[][] = [['measure', ...results.map((r) => r.label)]];
  const add = (measure: string, cell: (r: SetupResult) => string): void => {
    rows.push([measure, ...results.map(cell)]);
  };
  add(`sign-in ×${SIGN_INS}: errors`, (r) => String(r.signIn.errors));
  add(
    'sign-in p50 / p99 (ms)',
    (r) => `${ms(median(r.signIn.latencies))} / ${ms(percentile(r.signIn.latencies, 99))}`,
  );
  add('sign-in wall time (s)', (r) => (r.signIn.wallMs / 1000).toFixed(1));
  add(`GET /apps ×${APP_REQUESTS} @${APP_CONCURRENCY}: errors`, (r) => String(r.apps.errors));
  add(
    'GET /apps p50 / p99 (ms)',
    (r) => `${ms(median(r.apps.latencies))} / ${ms(percentile(r.apps.latencies, 99))}`,
  );
  add('GET /apps throughput (req/s)', (r) =>
    r.apps.wallMs > 0 ? String(Math.round((r.apps.latencies.length * 1000) / r.apps.wallMs)) : '-',
  );
  add('instance RSS after (MB)', (r) => r.rssMb.map((v) => v.toFixed(0)).join(' + '));
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const title = 'Portal server under load (loopback; target: 0 errors)';
  console.log(`\n${title}\n${'-'.repeat(title.length)}`);
  rows.forEach((row, index) => {
    console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
  for (const result of results) {
    const samples = [...result.signIn.errorSamples, ...result.apps.errorSamples];
    if (samples.length > 0) console.log(`  ${result.label}: first errors: ${samples.join('; ')}`);
  }
}

async function main(): Promise<void> {
  let stopPostgres: (() => void) | null = null;
  let databaseUrl = process.env.DATABASE_URL || undefined;
  if (!databaseUrl) {
    stopPostgres = await startThrowawayPostgres().catch((error: unknown) => {
      console.warn(`PostgreSQL unavailable: ${(error as Error).message.split('\n')[0]}`);
      return null;
    });
    databaseUrl = process.env.PORTICO_TEST_DATABASE_URL;
  }
  // A crash must not leave the throwaway cluster running.
  process.once('exit', () => stopPostgres?.());
  console.log(
    `Argon2id cost: m=${config.argon2.memoryCost} KiB, t=${config.argon2.timeCost}, p=${config.argon2.parallelism}; ` +
      `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
  );
  const setups: Setup[] = [{ label: 'embedded ×1', instances: 1 }];
  if (databaseUrl) {
    setups.push({ label: 'PostgreSQL ×1', databaseUrl, instances: 1 });
    setups.push({ label: 'PostgreSQL ×2', databaseUrl, instances: 2 });
  }
  const results: SetupResult[] = [];
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  try {
    if (only !== 'push') {
      for (const setup of setups) {
        console.log(`running ${setup.label}...`);
        results.push(await runSetup(setup));
      }
      sideBySide(results);
    }
    if (only === 'load') return;
    console.log(
      '  embedded ×2: not applicable (the embedded database is single-process; use PostgreSQL to scale out)',
    );
    if (!databaseUrl) console.log('  PostgreSQL: skipped (no DATABASE_URL and no PostgreSQL binaries)');
    const pushTable: Array<[string, string, string]> = [];
    // Embedded: one instance; PostgreSQL: waiting on one instance, approved through the other.
    for (const setup of setups.filter((s) => (s.databaseUrl ? s.instances === 2 : s.instances === 1))) {
      const label = setup.databaseUrl ? 'PostgreSQL ×2 (wait on A, approve on B)' : setup.label;
      console.log(`running 1,000 waiting pushes on ${label}...`);
      pushTable.push(...pushRows(label, await runPushSetup(setup)));
    }
    printTable('1,000 pushes waiting at once (memory of the waiting instance)', pushTable);
  } finally {
    stopPostgres?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
