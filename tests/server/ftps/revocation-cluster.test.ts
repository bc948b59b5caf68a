/**
 * Two portal instances on one PostgreSQL database: signing out on instance
 * A cuts the FTPS session the user holds on instance B. The instances'
 * safety re-check is set to an hour, so only the signals bus (LISTEN/NOTIFY,
 * delivered in milliseconds) can make the cut arrive; the test awaits the
 * close event and measures nothing against a clock.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/index';
import { newSeedKeyText } from '../../../server/mfa/seed-keys';
import { MIN_ARGON2, dropTestSchema, testDatabaseUrl } from '../helpers';
import { credentialsFrom, openFtps, passCode } from './revocation-harness';

const HOUR_MS = 3_600_000;

describe.skipIf(!testDatabaseUrl)('FTPS revocation across instances (postgres)', () => {
  const schema = `portico_ftps_${randomBytes(6).toString('hex')}`;
  const dirs: string[] = [];
  let a: RunningServer;
  let b: RunningServer;

  // Instances sharing a database share the seed key.
  const seedKey = newSeedKeyText();
  const start = async (): Promise<RunningServer> => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-ftps-cluster-'));
    dirs.push(dataDir);
    return startServer({
      dataDir,
      port: 0,
      config: { argon2: MIN_ARGON2 },
      databaseUrl: testDatabaseUrl,
      databaseSchema: schema,
      ftpsRecheckMs: HOUR_MS,
      seedKey,
    });
  };

  beforeAll(async () => {
    a = await start();
    b = await start();
  }, 240_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropTestSchema(testDatabaseUrl, schema);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('signing out on instance A cuts the FTPS session on instance B', { timeout: 120_000 }, async () => {
    const demo = a.demoAccount!;
    const signIn = await fetch(new URL('/api/v1/auth/sign-in', a.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: demo.username, password: demo.password }),
    });
    expect(signIn.status).toBe(200);
    const auth = { authorization: `Bearer ${((await signIn.json()) as { session: { token: string } }).session.token}` };
    const credentials = await credentialsFrom(b.url, auth);
    expect(credentials.port).toBe(b.ftps!.port);
    const open = await openFtps(credentials);
    const cut = open.whenClosed();
    const out = await fetch(new URL('/api/v1/auth/sign-out', a.url), { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: '{}' });
    expect(out.status).toBe(204);
    await cut;
    expect(open.isClosed).toBe(true);
    expect(await passCode(credentials)).toBe(530);
  });
});
