/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers loosely; the assertions check the shape. */
/**
 * `rotate-key` on both databases: with the key file and with
 * `PORTICO_SEED_KEY`, every seed moves to the new key in one transaction,
 * and afterwards the old key is not needed any more.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../server/app-context';
import { PasswordHasher } from '../../../server/auth/passwords';
import { createUser } from '../../../server/auth/users';
import { ManualClock } from '../../../server/clock';
import { openDb } from '../../../server/db';
import { startServer, type RunningServer } from '../../../server/index';
import { confirmEnrollment, startEnrollment } from '../../../server/mfa/devices';
import {
  SeedCipher,
  SeedCipherError,
  newSeedKey,
  sealedKeyId,
  seedKey,
} from '../../../server/mfa/seed-cipher';
import {
  SEED_KEY_FILE,
  SEED_KEY_NEXT_FILE,
  newSeedKeyText,
  parseSeedKeyList,
} from '../../../server/mfa/seed-keys';
import { resealAllSeeds } from '../../../server/mfa/seed-store';
import { createTotpSecret } from '../../../server/mfa/totp';
import { rotateKeyCommand } from '../../../server/ops/rotate-key';
import { seedPglite } from '../../setup/pglite-template';
import { PORTAL_CLI as CLI } from '../../setup/portal-cli-path';
import { backends, dropTestSchema, MIN_ARGON2 } from '../helpers';
import { totpAt } from '../mfa/mfa-helpers';

const PASSWORD = 'Rotate-Key-Pass-1';

// Each test starts and stops portals two or three times: the budget of the other server suites.
describe.each(backends)(
  'rotate-key ($name)',
  (backend) => {
    const clock = new ManualClock(new Date('2026-01-15T09:00:10.000Z'));
    let dataDir = '';
    let schema: string | undefined;
    let server: RunningServer | null = null;
    let ctx: AppContext;
    let users = 0;
    const database = () => ({ dataDir, databaseUrl: backend.databaseUrl, schema });

    const start = async (seedKeyText?: string): Promise<void> => {
      server = await startServer({
        dataDir,
        port: 0,
        clock,
        config: { argon2: MIN_ARGON2, ftps: { enabled: false } },
        databaseUrl: backend.databaseUrl,
        databaseSchema: schema,
        seedKey: seedKeyText,
        plugins: [{ name: 'capture', register: (_app, captured) => void (ctx = captured) }],
      });
    };
    const stop = async (): Promise<void> => {
      await server?.close();
      server = null;
    };
    const rotate = (env: NodeJS.ProcessEnv = {}) => {
      const lines: string[] = [];
      return {
        lines,
        done: rotateKeyCommand({ database: database(), env, now: clock.now() }, (line) => lines.push(line)),
      };
    };
    const post = async (path: string, body: unknown): Promise<{ status: number; body: any }> => {
      const response = await fetch(new URL(path, server!.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    /** A user with an active authenticator: an enrolled one, or a legacy plaintext row. */
    const userWithDevice = async (legacy = false): Promise<{ username: string; secret: string }> => {
      users += 1;
      const now = clock.now();
      const user = await createUser(ctx.db, {
        username: `rotate-${users}`,
        displayName: `Rotate ${users}`,
        passwordHash: await new PasswordHasher(MIN_ARGON2).hash(PASSWORD),
        mustChangePassword: false,
        now,
      });
      if (legacy) {
        const secret = createTotpSecret();
        await ctx.db.query(
          `INSERT INTO mfa_devices (id, user_id, kind, name, status, totp_secret, created_at, confirmed_at)
         VALUES ($1, $2, 'authenticator', 'Authenticator app', 'active', $3, $4, $4)`,
          [randomUUID(), user.id, secret, now],
        );
        await ctx.db.query('UPDATE users SET mfa_required = true WHERE id = $1', [user.id]);
        return { username: user.username, secret };
      }
      const started = await startEnrollment(ctx.db, ctx.seeds, {
        userId: user.id,
        kind: 'authenticator',
        flowId: null,
        now,
        ttlSeconds: 900,
      });
      await confirmEnrollment(ctx.db, ctx.seeds, {
        userId: user.id,
        id: started.id,
        code: totpAt(started.secret, now.getTime()),
        now,
      });
      return { username: user.username, secret: started.secret };
    };
    const signInWithCode = async (account: { username: string; secret: string }): Promise<string> => {
      clock.advanceSeconds(30);
      const step = await post('/api/v1/auth/sign-in', { username: account.username, password: PASSWORD });
      expect(step.body.step).toBe('mfa');
      const answer = await post('/api/v1/auth/mfa/passcode', {
        flowToken: step.body.flowToken,
        code: totpAt(account.secret, clock.now().getTime()),
      });
      return answer.body.step ?? answer.body.error?.code;
    };
    const storedSeeds = async (): Promise<Array<{ id: string; user_id: string; totp_secret: string }>> => {
      const db = await openDb(database());
      try {
        return (
          await db.query<{ id: string; user_id: string; totp_secret: string }>(
            'SELECT id, user_id, totp_secret FROM mfa_devices ORDER BY id',
          )
        ).rows;
      } finally {
        await db.close();
      }
    };
    /** Two enrolled users, one pending enrollment and one legacy row, then the portal stopped. */
    const populate = async (seedKeyText?: string) => {
      await start(seedKeyText);
      const accounts = [await userWithDevice(), await userWithDevice()];
      const pending = await createUser(ctx.db, {
        username: `rotate-pending-${users}`,
        displayName: 'Pending',
        passwordHash: 'x',
        mustChangePassword: false,
        now: clock.now(),
      });
      await startEnrollment(ctx.db, ctx.seeds, {
        userId: pending.id,
        kind: 'authenticator',
        flowId: null,
        now: clock.now(),
        ttlSeconds: 900,
      });
      // Written after the start-up step ran: still plaintext until a start or a rotation seals it.
      const legacy = await userWithDevice(true);
      await stop();
      return { accounts: [...accounts, legacy] };
    };

    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'portico-rotate-'));
      schema = backend.name === 'postgres' ? `portico_rotate_${randomBytes(6).toString('hex')}` : undefined;
      if (backend.name === 'pglite') seedPglite(dataDir);
    });
    afterEach(async () => {
      await stop();
      await dropTestSchema(backend.databaseUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    });

    it('key file: re-seals every seed under a new key file; the old key is no longer needed', async () => {
      const { accounts } = await populate();
      const keyPath = join(dataDir, SEED_KEY_FILE);
      const oldKey = seedKey(readFileSync(keyPath));
      const { lines, done } = rotate();
      expect(await done).toBe(4);
      const newKey = seedKey(readFileSync(keyPath));
      expect(newKey.id).not.toBe(oldKey.id);
      expect(statSync(keyPath).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dataDir, SEED_KEY_NEXT_FILE))).toBe(false);
      expect(lines.join('\n')).toContain(`Re-sealed 4 TOTP seed(s) under the new key ${newKey.id}.`);
      expect(lines.join('\n')).not.toContain(newKey.key.toString('base64'));
      const rows = await storedSeeds();
      expect(rows.map((row) => sealedKeyId(row.totp_secret))).toEqual(rows.map(() => newKey.id));
      // The old key opens none of them any more.
      const oldOnly = new SeedCipher([oldKey]);
      for (const row of rows)
        expect(() => oldOnly.open(row.totp_secret, { userId: row.user_id, deviceId: row.id })).toThrow(
          SeedCipherError,
        );
      // The portal starts on the new key file alone, and every device signs in.
      await start();
      for (const account of accounts) expect(await signInWithCode(account)).toBe('complete');
    });

    it('PORTICO_SEED_KEY: re-seals under the first key; the portal then runs on it alone, and the old key alone is refused', async () => {
      const oldText = newSeedKeyText();
      const newText = newSeedKeyText();
      const { accounts } = await populate(oldText);
      const { lines, done } = rotate({ PORTICO_SEED_KEY: `${newText},${oldText}` });
      expect(await done).toBe(4);
      const [newKey, oldKey] = [parseSeedKeyList(newText)[0]!, parseSeedKeyList(oldText)[0]!];
      expect(lines.join('\n')).toContain(`Keys ${oldKey.id} are no longer needed`);
      expect((await storedSeeds()).every((row) => sealedKeyId(row.totp_secret) === newKey.id)).toBe(true);
      await expect(start(oldText)).rejects.toThrow(
        `sealed with key ${newKey.id}, but this portal has ${oldKey.id}`,
      );
      await start(newText);
      for (const account of accounts) expect(await signInWithCode(account)).toBe('complete');
    });

    it('is one transaction: a seed that does not open aborts it, every seed and the key file stay as they were', async () => {
      await populate();
      const before = await storedSeeds();
      const keyBytes = readFileSync(join(dataDir, SEED_KEY_FILE));
      // Two sealed seeds swapped between rows: neither opens.
      const sealed = before.filter((row) => row.totp_secret.startsWith('s1:'));
      const db = await openDb(database());
      try {
        await db.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [
          sealed[0]!.id,
          sealed[1]!.totp_secret,
        ]);
        await db.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [
          sealed[1]!.id,
          sealed[0]!.totp_secret,
        ]);
      } finally {
        await db.close();
      }
      const tampered = await storedSeeds();
      await expect(rotate().done).rejects.toBeInstanceOf(SeedCipherError);
      expect(await storedSeeds()).toEqual(tampered);
      expect(readFileSync(join(dataDir, SEED_KEY_FILE))).toEqual(keyBytes);
      // The key this run made is gone, so the portal still starts on its key.
      expect(existsSync(join(dataDir, SEED_KEY_NEXT_FILE))).toBe(false);
      await start();
    });

    it('resumes an interrupted rotation; until then the portal refuses to start', async () => {
      const { accounts } = await populate();
      const current = seedKey(readFileSync(join(dataDir, SEED_KEY_FILE)));
      // Interrupted after the commit, before the new key replaced the file.
      const next = newSeedKey();
      await writeFile(join(dataDir, SEED_KEY_NEXT_FILE), next.key, { mode: 0o600 });
      const db = await openDb(database());
      try {
        await resealAllSeeds(db, new SeedCipher([next, current]), clock.now());
      } finally {
        await db.close();
      }
      await expect(start()).rejects.toThrow('A seed key rotation did not finish');
      const { lines, done } = rotate();
      expect(await done).toBe(4);
      expect(lines[0]).toMatch(/^Resuming the rotation/);
      expect(seedKey(readFileSync(join(dataDir, SEED_KEY_FILE))).id).toBe(next.id);
      await start();
      for (const account of accounts) expect(await signInWithCode(account)).toBe('complete');
    });

    if (backend.name === 'pglite') {
      it('refuses while the portal runs on the data folder (PGlite), changing nothing', async () => {
        await populate();
        await start();
        const keyBytes = readFileSync(join(dataDir, SEED_KEY_FILE));
        await expect(rotate().done).rejects.toThrow(/in use|already open/);
        expect(readFileSync(join(dataDir, SEED_KEY_FILE))).toEqual(keyBytes);
        expect(existsSync(join(dataDir, SEED_KEY_NEXT_FILE))).toBe(false);
      });

      it('runs from the admin CLI: `portico-portal rotate-key --data-dir D`', async () => {
        await populate();
        const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, [CLI, 'rotate-key', '--data-dir', dataDir], {
            env: { ...process.env, DATABASE_URL: '', PORTICO_SEED_KEY: '' },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
          child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
          child.once('exit', (code) => resolve({ code, out }));
        });
        expect(result.out).toContain('Re-sealed 4 TOTP seed(s) under the new key');
        expect(result.code).toBe(0);
      }, 60_000);
    }
  },
  120_000,
);
