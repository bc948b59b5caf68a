import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../server/auth/password-audit';
import { startPasswordHarness, type PasswordHarness } from './password-harness';
import { seedPglite } from '../../setup/pglite-template';
import { PORTAL_CLI } from '../../setup/portal-cli-path';

const MINUTE = 60_000;

describe('account lockout', () => {
  let h: PasswordHarness;
  const password = 'Lock-Out-Tester-9';

  beforeAll(async () => {
    h = await startPasswordHarness();
    await h.createAccount({ username: 'bob', password });
    await h.createAccount({ username: 'carol', password });
    await h.createAccount({ username: 'dave', password });
  });
  afterAll(async () => {
    await h?.close();
  });

  const wrong = (username: string) => h.post('/auth/sign-in', { username, password: 'not-the-password' });

  it('warns at 2 and 1 attempts left, locks on the 5th failure, refuses the right password while locked', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await wrong('bob'));
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(answers[0]!.body.error?.details?.attemptsLeft).toBeUndefined();
    expect(answers[2]!.body.error?.details?.attemptsLeft).toBe(2);
    expect(answers[3]!.body.error?.details?.attemptsLeft).toBe(1);
    expect(answers[4]!.status).toBe(423);
    expect(answers[4]!.body.error?.code).toBe('locked');
    expect(answers[4]!.body.error?.details?.retryAfterSeconds).toBe(30 * 60);

    const right = await h.post('/auth/sign-in', { username: 'bob', password });
    expect(right.status).toBe(423);

    const user = await h.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'bob'");
    expect((await listAuditEvents(h.db, user.rows[0]!.id)).map((e) => e.type)).toContain('account_locked');
  });

  it('lifts the lock after the configured time', async () => {
    h.clock.advance(29 * MINUTE);
    expect((await h.post('/auth/sign-in', { username: 'bob', password })).status).toBe(423);
    h.clock.advance(1 * MINUTE + 1000);
    expect((await h.post('/auth/sign-in', { username: 'bob', password })).status).toBe(200);
  });

  it('forgets failures older than the 15-minute window', async () => {
    for (let i = 0; i < 4; i++) await wrong('carol');
    h.clock.advance(16 * MINUTE);
    const next = await wrong('carol');
    expect(next.status).toBe(401);
    expect(next.body.error?.details?.attemptsLeft).toBeUndefined();
  });

  it('a successful sign-in resets the count', async () => {
    for (let i = 0; i < 4; i++) await wrong('dave');
    await h.signIn('dave', password);
    const next = await wrong('dave');
    expect(next.status).toBe(401);
    expect(next.body.error?.details?.attemptsLeft).toBeUndefined();
  });

  it('known and unknown usernames get the same answers, including the lock', async () => {
    await h.createAccount({ username: 'erin', password });
    const known = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      known.push(await wrong('erin'));
      unknown.push(await wrong('nobody-at-all'));
    }
    expect(unknown).toEqual(known);
  });

  it('a manager unlock lifts the lock at once', async () => {
    await h.createAccount({ username: 'frank', password });
    for (let i = 0; i < 5; i++) await wrong('frank');
    expect((await h.post('/auth/sign-in', { username: 'frank', password })).status).toBe(423);
    expect(await h.ctx.passwords.lockout.unlock('frank', 'cli')).toBe(true);
    expect((await h.post('/auth/sign-in', { username: 'frank', password })).status).toBe(200);
  });
});

describe('lockout until a manager unlocks (lockMinutes: null)', () => {
  let h: PasswordHarness;

  beforeAll(async () => {
    h = await startPasswordHarness({ lockout: { lockMinutes: null, maxFailures: 3 } });
    await h.createAccount({ username: 'gina', password: 'Lock-Out-Tester-9' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stays locked until unlocked, with no retry time', async () => {
    for (let i = 0; i < 3; i++) await h.post('/auth/sign-in', { username: 'gina', password: 'wrong-one' });
    h.clock.advance(7 * 86_400_000);
    const locked = await h.post('/auth/sign-in', { username: 'gina', password: 'Lock-Out-Tester-9' });
    expect(locked.status).toBe(423);
    expect(locked.body.error?.details?.retryAfterSeconds).toBeUndefined();
    await h.ctx.passwords.lockout.unlock('gina', 'cli');
    expect((await h.post('/auth/sign-in', { username: 'gina', password: 'Lock-Out-Tester-9' })).status).toBe(
      200,
    );
  });
});

describe('admin CLI unlock', () => {
  it('unlocks an account in the data folder and says so', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openDb } = await import('../../../server/db');
    const { LockoutStore } = await import('../../../server/auth/lockout-store');
    const { ManualClock } = await import('../../../server/clock');
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-unlock-'));
    try {
      seedPglite(dataDir);
      const db = await openDb({ dataDir });
      // A real account: unlocking a name nobody has is an error.
      const { createUser } = await import('../../../server/auth/users');
      await createUser(db, {
        username: 'hank',
        displayName: 'Hank Hill',
        passwordHash: 'unused',
        now: new Date(),
      });
      const store = new LockoutStore(db, new ManualClock(), {
        maxFailures: 5,
        windowMinutes: 15,
        lockMinutes: 30,
        warnWhenAttemptsLeft: 2,
      });
      for (let i = 0; i < 5; i++)
        await store.recordFailure(
          'hank',
          'password',
          new (await import('../../../server/errors')).PortalError('invalid_credentials'),
        );
      expect((await store.status('hank')).locked).toBe(true);
      await db.close();

      const child = spawn(process.execPath, [PORTAL_CLI, 'unlock', 'hank', '--data-dir', dataDir], {
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(out).toContain('Unlocked hank');
      expect(code).toBe(0);

      const again = await openDb({ dataDir });
      expect(
        (
          await new LockoutStore(again, new ManualClock(), {
            maxFailures: 5,
            windowMinutes: 15,
            lockMinutes: 30,
            warnWhenAttemptsLeft: 2,
          }).status('hank')
        ).locked,
      ).toBe(false);
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
