/**
 * Second-factor limits under a burst of 100 concurrent requests, on every
 * backend: wrong authenticator and backup codes share the one lockout
 * counter and no more are checked than it allows; pushes stay within their
 * pending and rate limits, at sign-in and during a reset, for a real account
 * and an unknown name alike; a reset's second factor moves it on once.
 */
import { describe, expect, it } from 'vitest';
import { createBackupCode } from '../../../server/mfa/backup-codes';
import { replaceBackupCodes } from '../../../server/mfa/backup-store';
import { saveSecurityAnswers } from '../../../server/auth/security-questions-store';
import { seedAccounts } from '../../e2e/seed-accounts';
import { BURST, burst, countAudit, countFailures } from '../burst';
import { backends, MIN_ARGON2, SECURITY_ANSWERS } from '../helpers';
import { createTestUser, enrollDevice, passwordStep, totpAt, useMfaPortal } from './mfa-helpers';

describe.each(backends)('second-factor limits under 100 concurrent requests ($name)', (backend) => {
  const portal = useMfaPortal(backend);
  let n = 0;
  const limit = 5;

  /** A user with an authenticator, signed in with the password up to the `mfa` step. */
  const atMfaStep = async () => {
    n += 1;
    const { user, password } = await createTestUser(portal, `code-burst-${n}`);
    const device = await enrollDevice(portal, user);
    const step = await passwordStep(portal, user.username, password);
    expect(step.body.step).toBe('mfa');
    return { user, password, device, flowToken: step.body.flowToken as string };
  };
  const rightCode = (secret: string) => totpAt(secret, portal.clock.now().getTime());
  /** A well-formed code that is not the current one (nor a neighbour). */
  const wrongCode = (secret: string) => {
    const now = portal.clock.now().getTime();
    const near = new Set([-30_000, 0, 30_000].map((d) => totpAt(secret, now + d)));
    for (let i = 0; ; i += 1) {
      const candidate = String(123456 + i * 7919).padStart(6, '0').slice(-6);
      if (!near.has(candidate)) return candidate;
    }
  };
  const sessionsOf = async (userId: string) =>
    Number((await portal.ctx.db.query<{ n: string | number }>('SELECT count(*) AS n FROM sessions WHERE user_id = $1', [userId])).rows[0]!.n);

  it('checks at most the allowed number of wrong authenticator codes in one burst', async () => {
    const { user, device, flowToken } = await atMfaStep();
    const wrong = wrongCode(device.secret);
    const answers = await burst(BURST, () => portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: wrong }));
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.code_failed')).toBeLessThanOrEqual(limit);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(limit);
    // Locked now: the right code no longer issues a session.
    const right = await portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: rightCode(device.secret) });
    expect(right.status).toBe(423);
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it('with the right code in the burst: at most one session, and no more guesses than the lockout allows', async () => {
    const { user, device, flowToken } = await atMfaStep();
    const wrong = wrongCode(device.secret);
    const right = rightCode(device.secret);
    const answers = await burst(BURST + 1, (i) =>
      portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: i === BURST / 2 ? right : wrong }),
    );
    const sessions = await sessionsOf(user.id);
    expect(sessions).toBeLessThanOrEqual(1);
    expect(answers.filter((a) => a.status === 200).length).toBe(sessions);
    // A completed sign-in resets the count (as one at a time), so a winning
    // right code may let the lockout's allowance start again, never more.
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.code_failed')).toBeLessThanOrEqual(limit * (sessions + 1));
  });

  it('checks no code at all once the lock is reached, not even the right one', async () => {
    const { user, device, flowToken } = await atMfaStep();
    const wrong = wrongCode(device.secret);
    for (let i = 0; i < limit; i += 1) await portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: wrong });
    const failedBefore = await countAudit(portal.ctx.db, user.id, 'mfa.code_failed');
    const right = rightCode(device.secret);
    const answers = await burst(BURST, (i) =>
      portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: i % 10 === 0 ? right : wrong }),
    );
    expect(answers.every((a) => a.status === 423)).toBe(true);
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.code_failed')).toBe(failedBefore);
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it('counts wrong backup codes on the same counter, at most the allowed number per burst', async () => {
    const { user, flowToken } = await atMfaStep();
    await replaceBackupCodes(portal.ctx.db, user.id, portal.clock.now());
    const answers = await burst(BURST, () => portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: createBackupCode() }));
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.code_failed')).toBeLessThanOrEqual(limit);
    expect(await countFailures(portal.ctx.db, user.username)).toBeLessThanOrEqual(limit);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(limit);
  });

  /** A user with questions and an authenticator, and a started reset (its second factor comes first). */
  const resetStarted = async () => {
    n += 1;
    const username = `reset-code-burst-${n}`;
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const ids = await seedAccounts(portal.ctx, MIN_ARGON2, portal.clock.now(), [
      { username, password: `Start-Pass-Code-${n}`, totpSecret: secret, securityAnswers: SECURITY_ANSWERS },
    ]);
    const resetToken = (await portal.post('/api/v1/auth/reset/start', { username })).body.resetToken as string;
    return { username, userId: ids[username]!, secret, resetToken };
  };

  it('checks at most the allowed number of wrong reset codes in one burst', async () => {
    const { username, userId, secret, resetToken } = await resetStarted();
    const wrong = wrongCode(secret);
    await burst(BURST, () => portal.post('/api/v1/auth/reset/second-factor', { resetToken, code: wrong }));
    expect(await countFailures(portal.ctx.db, username)).toBeLessThanOrEqual(limit);
    const right = await portal.post('/api/v1/auth/reset/second-factor', { resetToken, code: rightCode(secret) });
    expect(right.status).toBe(423);
    expect(await countAudit(portal.ctx.db, userId, 'password_reset')).toBe(0);
  });

  it('counts a burst of reset codes for an unknown name the same way, and locks that name', async () => {
    n += 1;
    const username = `nobody-code-burst-${n}`;
    const resetToken = (await portal.post('/api/v1/auth/reset/start', { username })).body.resetToken as string;
    const answers = await burst(BURST, (i) =>
      portal.post('/api/v1/auth/reset/second-factor', { resetToken, code: i % 2 === 0 ? '123456' : createBackupCode() }),
    );
    expect(await countFailures(portal.ctx.db, username)).toBeLessThanOrEqual(limit);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(limit);
    expect(answers.every((a) => a.status === 401 || a.status === 423)).toBe(true);
    expect((await portal.post('/api/v1/auth/reset/start', { username })).status).toBe(423);
  });

  it('passes a reset second factor once: of 100 simultaneous right codes one shows the questions', async () => {
    const { resetToken, secret } = await resetStarted();
    const code = rightCode(secret);
    const answers = await burst(BURST, () => portal.post('/api/v1/auth/reset/second-factor', { resetToken, code }));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(won[0]!.body.step).toBe('questions');
    // The rest: the code was already used, the token had moved on, or the reservations filled the lockout.
    expect(answers.filter((a) => a.status !== 200).every((a) => [401, 423].includes(a.status))).toBe(true);
  });

  /** A user whose approver page is bound (pushes can be sent). */
  const phoneUser = async () => {
    const flow = await atMfaStep();
    expect((await portal.post('/approver/api/bind', { bindToken: flow.device.bindToken })).status).toBe(200);
    return flow;
  };
  const pushesOf = async (userId: string) =>
    Number((await portal.ctx.db.query<{ n: string | number }>('SELECT count(*) AS n FROM push_requests WHERE user_id = $1', [userId])).rows[0]!.n);

  it('sends no more pushes than the pending limit in one sign-in burst', async () => {
    const { user, flowToken } = await phoneUser();
    const answers = await burst(BURST, () => portal.post('/api/v1/auth/mfa/push', { flowToken }));
    const { maxPending, maxPerWindow } = portal.ctx.config.mfa.push;
    const allowed = Math.min(maxPending, maxPerWindow);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(allowed);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(BURST - allowed);
    expect(await pushesOf(user.id)).toBe(allowed);
  });

  it('sends no more pushes than the pending limit in one reset burst', async () => {
    const { user } = await phoneUser();
    await saveSecurityAnswers(portal.ctx.db, user.id, SECURITY_ANSWERS, MIN_ARGON2, portal.clock.now());
    const started = await portal.post('/api/v1/auth/reset/start', { username: user.username });
    expect(started.body.methods).toEqual(['push', 'passcode']);
    const resetToken = started.body.resetToken as string;
    const answers = await burst(BURST, () => portal.post('/api/v1/auth/reset/push', { resetToken }));
    const { maxPending, maxPerWindow } = portal.ctx.config.mfa.push;
    const allowed = Math.min(maxPending, maxPerWindow);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(allowed);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(BURST - allowed);
    expect(await pushesOf(user.id)).toBe(allowed);
  });

  it('holds an unknown name to the same push limits in one reset burst', async () => {
    n += 1;
    const username = `Nobody-Push-Burst-${n}`;
    const resetToken = (await portal.post('/api/v1/auth/reset/start', { username })).body.resetToken as string;
    const answers = await burst(BURST, () => portal.post('/api/v1/auth/reset/push', { resetToken }));
    const { maxPending, maxPerWindow } = portal.ctx.config.mfa.push;
    const allowed = Math.min(maxPending, maxPerWindow);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(allowed);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(BURST - allowed);
    const stored = await portal.ctx.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM push_requests WHERE user_id IS NULL AND decoy_key = $1',
      [username.toLowerCase()],
    );
    expect(Number(stored.rows[0]!.n)).toBe(allowed);
  });
});
