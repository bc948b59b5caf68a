/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers loosely; the assertions check the shape. */
/**
 * TOTP seeds at rest, on both databases: what is stored is sealed, sign-in
 * opens it, legacy plaintext seeds are sealed once on start, and (PGlite)
 * no file of the data folder holds a seed after an enrollment.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../server/app-context';
import { PasswordHasher } from '../../../server/auth/passwords';
import { saveSecurityAnswers } from '../../../server/auth/security-questions-store';
import { createUser, type UserRecord } from '../../../server/auth/users';
import { ManualClock } from '../../../server/clock';
import { openDb } from '../../../server/db';
import { startServer, type RunningServer } from '../../../server/index';
import { isSealedSeed, sealedKeyId } from '../../../server/mfa/seed-cipher';
import { SEED_KEY_FILE } from '../../../server/mfa/seed-keys';
import { prepareSeeds } from '../../../server/mfa/seed-store';
import { createTotpSecret } from '../../../server/mfa/totp';
import { seedPglite } from '../../setup/pglite-template';
import { backends, dropTestSchema, MIN_ARGON2, SECURITY_ANSWERS } from '../helpers';
import { totpAt } from './mfa-helpers';

const PASSWORD = 'Seeds-At-Rest-Pass-1';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The files under `dir` whose bytes contain `needle`. */
function filesHolding(dir: string, needle: Buffer): string[] {
  return filesUnder(dir).filter((file) => readFileSync(file).includes(needle));
}

// Portals restart inside these tests: the budget of the other server suites.
describe.each(backends)(
  'TOTP seeds at rest ($name)',
  (backend) => {
    const schema =
      backend.name === 'postgres' ? `portico_seeds_${randomBytes(6).toString('hex')}` : undefined;
    const clock = new ManualClock(new Date('2026-01-15T09:00:10.000Z'));
    let dataDir = '';
    let server: RunningServer;
    let ctx: AppContext;
    let users = 0;

    const start = async (): Promise<void> => {
      server = await startServer({
        dataDir,
        port: 0,
        clock,
        config: { argon2: MIN_ARGON2, ftps: { enabled: false } },
        databaseUrl: backend.databaseUrl,
        databaseSchema: schema,
        plugins: [{ name: 'capture', register: (_app, captured) => void (ctx = captured) }],
      });
    };
    const post = async (path: string, body: unknown): Promise<{ status: number; body: any }> => {
      const response = await fetch(new URL(path, server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    /** A user past every activation step except the second factor, which they must enroll. */
    const userToEnroll = async (): Promise<UserRecord> => {
      users += 1;
      const now = clock.now();
      const user = await createUser(ctx.db, {
        username: `seeds-${users}`,
        displayName: `Seeds ${users}`,
        passwordHash: await new PasswordHasher(MIN_ARGON2).hash(PASSWORD),
        mustChangePassword: false,
        now,
      });
      await saveSecurityAnswers(ctx.db, user.id, SECURITY_ANSWERS, MIN_ARGON2, now);
      await ctx.db.query('UPDATE users SET mfa_required = true, backup_codes_saved_at = $2 WHERE id = $1', [
        user.id,
        now,
      ]);
      return user;
    };
    /** Enrolls an authenticator through the API, as the activation wizard does; returns its secret. */
    const enrollThroughApi = async (user: UserRecord): Promise<{ secret: string; id: string }> => {
      const first = await post('/api/v1/auth/sign-in', { username: user.username, password: PASSWORD });
      expect(first.body.step).toBe('enroll');
      const flowToken = first.body.flowToken as string;
      const started = await post('/api/v1/auth/enroll/start', {
        flowToken,
        device: { kind: 'authenticator' },
      });
      const { id, secret } = started.body.enrollment as { id: string; secret: string };
      // Shown again (a reloaded window): the same key, opened from its sealed row.
      const again = await post('/api/v1/auth/enroll/secret', { flowToken, enrollmentId: id });
      expect(again.body.enrollment.secret).toBe(secret);
      const confirmed = await post('/api/v1/auth/enroll/confirm', {
        flowToken,
        enrollmentId: id,
        code: totpAt(secret, clock.now().getTime()),
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.next.step).toBe('complete');
      clock.advanceSeconds(30);
      return { secret, id };
    };
    /** A whole sign-in: password, then the authenticator's current code. */
    const signInWithCode = async (
      user: UserRecord,
      secret: string,
    ): Promise<{ status: number; body: any }> => {
      const step = await post('/api/v1/auth/sign-in', { username: user.username, password: PASSWORD });
      expect(step.body.step).toBe('mfa');
      const answer = await post('/api/v1/auth/mfa/passcode', {
        flowToken: step.body.flowToken,
        code: totpAt(secret, clock.now().getTime()),
      });
      clock.advanceSeconds(30);
      return answer;
    };
    const storedSeed = async (deviceId: string): Promise<string> =>
      (
        await ctx.db.query<{ totp_secret: string }>('SELECT totp_secret FROM mfa_devices WHERE id = $1', [
          deviceId,
        ])
      ).rows[0]!.totp_secret;
    const insertLegacyDevice = async (user: UserRecord, secret: string): Promise<string> => {
      const id = randomUUID();
      await ctx.db.query(
        `INSERT INTO mfa_devices (id, user_id, kind, name, status, totp_secret, created_at, confirmed_at)
       VALUES ($1, $2, 'authenticator', 'Authenticator app', 'active', $3, $4, $4)`,
        [id, user.id, secret, clock.now()],
      );
      return id;
    };

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'portico-seeds-'));
      if (backend.name === 'pglite') seedPglite(dataDir);
      await start();
    });
    afterAll(async () => {
      await server?.close();
      await dropTestSchema(backend.databaseUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    });

    it('stores an enrolled seed sealed with the key id and bound to its row; a TOTP sign-in works end to end', async () => {
      const user = await userToEnroll();
      const { secret, id } = await enrollThroughApi(user);
      const stored = await storedSeed(id);
      expect(isSealedSeed(stored)).toBe(true);
      expect(sealedKeyId(stored)).toBe(ctx.seeds.primary.id);
      expect(stored).not.toContain(secret);
      expect(ctx.seeds.open(stored, { userId: user.id, deviceId: id })).toBe(secret);

      const signedIn = await signInWithCode(user, secret);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.step).toBe('complete');
    });

    it('refuses seeds swapped between two rows: neither opens, and no code is accepted', async () => {
      const alice = await userToEnroll();
      const bob = await userToEnroll();
      const a = await enrollThroughApi(alice);
      const b = await enrollThroughApi(bob);
      const [sealedA, sealedB] = [await storedSeed(a.id), await storedSeed(b.id)];
      await ctx.db.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [a.id, sealedB]);
      await ctx.db.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [b.id, sealedA]);
      for (const secret of [a.secret, b.secret]) {
        const answer = await signInWithCode(alice, secret);
        expect(answer.status).toBe(500);
        expect(answer.body.error.code).toBe('internal');
        expect(JSON.stringify(answer.body)).not.toContain(secret);
      }
      // Put back, both work again.
      await ctx.db.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [a.id, sealedA]);
      await ctx.db.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [b.id, sealedB]);
      expect((await signInWithCode(alice, a.secret)).status).toBe(200);
      expect((await signInWithCode(bob, b.secret)).status).toBe(200);
    });

    it('seals legacy plaintext seeds on the next start, exactly once even when two instances start together', async () => {
      const legacy: Array<{ user: UserRecord; secret: string; id: string }> = [];
      for (let n = 0; n < 5; n += 1) {
        const user = await userToEnroll();
        const secret = createTotpSecret();
        legacy.push({ user, secret, id: await insertLegacyDevice(user, secret) });
      }
      // Two start-up steps at once (PostgreSQL: two connections, as two instances have).
      const second = backend.databaseUrl
        ? await openDb({ dataDir: '', databaseUrl: backend.databaseUrl, schema })
        : ctx.db;
      try {
        const sealed = await Promise.all([
          prepareSeeds(ctx.db, ctx.seeds, clock.now()),
          prepareSeeds(second, ctx.seeds, clock.now()),
        ]);
        expect(sealed.reduce((sum, n) => sum + n, 0)).toBe(5);
      } finally {
        if (second !== ctx.db) await second.close();
      }
      for (const { user, secret, id } of legacy) {
        const stored = await storedSeed(id);
        expect(isSealedSeed(stored)).toBe(true);
        // Sealed once: opening gives the seed itself, not another sealed value.
        expect(ctx.seeds.open(stored, { userId: user.id, deviceId: id })).toBe(secret);
      }
      // A restart finds nothing left to seal, and the legacy devices sign in.
      const more = await userToEnroll();
      const moreSecret = createTotpSecret();
      const moreId = await insertLegacyDevice(more, moreSecret);
      await server.close();
      await start();
      expect(isSealedSeed(await storedSeed(moreId))).toBe(true);
      expect(await prepareSeeds(ctx.db, ctx.seeds, clock.now())).toBe(0);
      expect((await signInWithCode(more, moreSecret)).status).toBe(200);
      expect((await signInWithCode(legacy[0]!.user, legacy[0]!.secret)).status).toBe(200);
    });

    // PGlite keeps the whole database (tables and WAL) in the data folder.
    if (backend.name === 'pglite') {
      it('leaves no enrolled seed in any file of the data folder (database and WAL) after a checkpoint', async () => {
        const user = await userToEnroll();
        const { secret } = await enrollThroughApi(user);
        expect((await signInWithCode(user, secret)).status).toBe(200);
        // The control: a seed written in plaintext IS found, so the search sees the database files.
        const control = await userToEnroll();
        const controlSecret = createTotpSecret();
        await insertLegacyDevice(control, controlSecret);
        await ctx.db.query('CHECKPOINT');
        await server.close();
        expect(filesHolding(dataDir, Buffer.from(controlSecret, 'ascii')).length).toBeGreaterThan(0);
        expect(filesHolding(dataDir, Buffer.from(secret, 'ascii'))).toEqual([]);
        // Nor is the key itself anywhere but its own file.
        const key = readFileSync(join(dataDir, SEED_KEY_FILE));
        expect(filesHolding(dataDir, key)).toEqual([join(dataDir, SEED_KEY_FILE)]);
        await start();
      });
    }

    // Instances sharing PostgreSQL, each with its own key file: the second is refused.
    if (backend.name === 'postgres') {
      it('refuses a second instance that has another key than the first', async () => {
        const otherDir = await mkdtemp(join(tmpdir(), 'portico-seeds-other-'));
        try {
          await expect(
            startServer({
              dataDir: otherDir,
              port: 0,
              config: { argon2: MIN_ARGON2, ftps: { enabled: false } },
              databaseUrl: backend.databaseUrl,
              databaseSchema: schema,
            }),
          ).rejects.toThrow(/Every instance must use the same seed key: set PORTICO_SEED_KEY/);
        } finally {
          await rm(otherDir, { recursive: true, force: true });
        }
      });
    }
  },
  120_000,
);
