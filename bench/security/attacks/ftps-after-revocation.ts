/**
 * Attack: keep using FTPS after the portal session ended. For each round
 * the attacker signs in, takes transfer credentials, holds three logged-in
 * FTPS control connections, and the portal session is then ended (sign-out,
 * or a password change in the last round). Each held connection still open
 * 2 s later counts as accepted, so does each later login with the old token
 * — right after, and after the user signed in anew.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReadablePassword } from '../../../server/auth/passwords';
import { startServer, type RunningServer } from '../../../server/index';
import { dropTestSchema, MIN_ARGON2, testDatabaseUrl } from '../../../tests/server/portal-harness';
import { RawFtps, within } from '../../../tests/transfers/helpers/raw-ftps';
import type { Attack, AttackResult, Database } from '../attack';

const ROUNDS = 4;
const HELD = 3;
/** The promised bound for a cut. */
const CUT_BOUND_MS = 2000;

interface Creds {
  username: string;
  token: string;
  port: number;
}

async function post(server: RunningServer, path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function signIn(server: RunningServer, username: string, password: string): Promise<string> {
  const answer = (await (await post(server, '/api/v1/auth/sign-in', { username, password })).json()) as {
    session?: { token: string };
  };
  if (!answer.session) throw new Error('sign-in did not complete');
  return answer.session.token;
}

/** 230 when the endpoint lets the token in. */
async function passCode(creds: Creds): Promise<number> {
  const { client } = await RawFtps.connect(creds.port);
  try {
    await client.authTls();
    await client.send(`USER ${creds.username}`);
    return (await client.send(`PASS ${creds.token}`)).code;
  } finally {
    client.close();
  }
}

async function attack(server: RunningServer): Promise<{ attempts: number; accepted: number }> {
  const demo = server.demoAccount;
  if (!demo) throw new Error('no demo account');
  let password = demo.password;
  let attempts = 0;
  let accepted = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const session = await signIn(server, demo.username, password);
    const creds = (await (await post(server, '/api/v1/transfers/credentials', {}, session)).json()) as Creds;
    const held: RawFtps[] = [];
    for (let i = 0; i < HELD; i += 1) {
      const { client } = await RawFtps.connect(creds.port);
      await client.login(creds.username, creds.token);
      held.push(client);
    }
    const closes = held.map((client) =>
      within(
        client.whenClosed().then(() => true),
        CUT_BOUND_MS,
      ),
    );
    if (round === ROUNDS - 1) {
      const next = `${generateReadablePassword()}-Zq9!`;
      await post(
        server,
        '/api/v1/account/password',
        { currentPassword: password, newPassword: next },
        session,
      );
      password = next;
    } else {
      await post(server, '/api/v1/auth/sign-out', {}, session);
    }
    for (const closed of await Promise.all(closes)) {
      attempts += 1;
      if (!closed) accepted += 1;
    }
    for (const client of held) client.close();
    attempts += 1;
    if ((await passCode(creds)) === 230) accepted += 1;
    // A new sign-in must not bring the old token back.
    await signIn(server, demo.username, password);
    attempts += 1;
    if ((await passCode(creds)) === 230) accepted += 1;
  }
  return { attempts, accepted };
}

export const revocationAttack: Attack = {
  name: 'FTPS after revocation',
  databases: ['pglite', 'postgres'],
  async run(db: Database | null): Promise<AttackResult> {
    if (db === 'postgres' && !testDatabaseUrl)
      return { attempts: 0, accepted: 0, skipped: true, note: 'no PostgreSQL here' };
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-bench-ftps-revoke-'));
    const schema = db === 'postgres' ? `portico_bench_${Date.now().toString(36)}` : undefined;
    const server = await startServer({
      dataDir,
      port: 0,
      config: { argon2: MIN_ARGON2 },
      ...(db === 'postgres' ? { databaseUrl: testDatabaseUrl, databaseSchema: schema } : {}),
    });
    try {
      const result = await attack(server);
      return {
        ...result,
        note: `${ROUNDS} revocations × ${HELD} held FTPS sessions; cut awaited up to ${CUT_BOUND_MS} ms`,
      };
    } finally {
      await server.close();
      if (schema) await dropTestSchema(testDatabaseUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
