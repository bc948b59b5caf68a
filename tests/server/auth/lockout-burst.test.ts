/**
 * The lockout and the reset's single-use token under a burst of 100
 * concurrent requests, on every backend: an attempt is reserved before it is
 * checked, so no more guesses are checked than the lockout allows, and the
 * right password in the burst is refused once the lock is reached.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { seedAccounts } from '../../e2e/seed-accounts';
import { backends, MIN_ARGON2, RIGHT_ANSWERS, SECURITY_ANSWERS } from '../helpers';
import { BURST, burst, countAudit, countFailures, statusCounts } from '../burst';
import { createTestUser, enrollDevice, passwordStep, totpAt, useMfaPortal } from '../mfa/mfa-helpers';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe.each(backends)('limits under 100 concurrent requests: sign-in and reset ($name)', (backend) => {
  const portal = useMfaPortal(backend);
  let n = 0;
  const limit = 5;
  // Registered after the portal's own hook, so it runs first: the spies go before the portal stops.
  afterAll(() => vi.restoreAllMocks());

  /** A user with an authenticator: a right password answers `mfa` and resets nothing. */
  const mfaUser = async () => {
    n += 1;
    const created = await createTestUser(portal, `burst-user-${n}`);
    await enrollDevice(portal, created.user);
    return created;
  };
  /** Counts password checks against `hash` (the sign-in's verifier). */
  const countChecks = (hash: string) => {
    const checked: string[] = [];
    const verify = portal.ctx.hasher.verify.bind(portal.ctx.hasher);
    vi.spyOn(portal.ctx.hasher, 'verify').mockImplementation(async (stored, candidate) => {
      if (stored === hash) checked.push(candidate);
      return verify(stored, candidate);
    });
    return checked;
  };

  it('checks at most the allowed number of wrong passwords in one burst; the right one is refused afterwards', async () => {
    const { user, password } = await mfaUser();
    const checked = countChecks(user.passwordHash);
    const answers = await burst(BURST + 1, (i) =>
      passwordStep(portal, user.username, i === BURST / 2 ? password : `wrong-password-${i}`),
    );
    vi.restoreAllMocks();
    const wrongChecked = checked.filter((candidate) => candidate !== password).length;
    expect(wrongChecked).toBeLessThanOrEqual(limit);
    expect(await countFailures(portal.ctx.db, user.username)).toBeLessThanOrEqual(limit);
    const counts = statusCounts(answers.map((a) => a.status));
    expect((counts[401] ?? 0) + (counts[423] ?? 0) + (counts[200] ?? 0)).toBe(BURST + 1);
    expect(counts[200] ?? 0).toBeLessThanOrEqual(1);
    // The account is locked now: the right password no longer gets through.
    expect((await passwordStep(portal, user.username, password)).status).toBe(423);
  });

  it('checks nothing once the lock is reached, even the right password in the burst', async () => {
    const { user, password } = await mfaUser();
    for (let i = 0; i < limit; i += 1) await passwordStep(portal, user.username, 'wrong-before-burst');
    const checked = countChecks(user.passwordHash);
    const answers = await burst(BURST, (i) =>
      passwordStep(portal, user.username, i % 10 === 0 ? password : `wrong-password-${i}`),
    );
    vi.restoreAllMocks();
    expect(checked).toHaveLength(0);
    expect(statusCounts(answers.map((a) => a.status))).toEqual({ 423: BURST });
  });

  it('locks unknown usernames the same way', async () => {
    const answers = await burst(BURST, (i) => passwordStep(portal, 'nobody-in-a-burst', `guess-${i}`));
    expect(await countFailures(portal.ctx.db, 'nobody-in-a-burst')).toBeLessThanOrEqual(limit);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(limit);
  });

  /**
   * A user with security answers and an authenticator, and a started reset
   * past its second factor (asked first), so the questions are shown.
   */
  const resetUser = async () => {
    n += 1;
    const username = `reset-burst-${n}`;
    const ids = await seedAccounts(portal.ctx, MIN_ARGON2, portal.clock.now(), [
      { username, password: `Start-Pass-Burst-${n}`, totpSecret: SECRET, securityAnswers: SECURITY_ANSWERS },
    ]);
    const started = await portal.post('/api/v1/auth/reset/start', { username });
    expect(started.status).toBe(200);
    const resetToken = started.body.resetToken as string;
    // A fresh time step each time: codes are single use.
    portal.clock.advance(30_000);
    const factor = await portal.post('/api/v1/auth/reset/second-factor', { resetToken, code: totpAt(SECRET, portal.clock.now().getTime()) });
    expect(factor.body.step).toBe('questions');
    return { username, userId: ids[username]!, resetToken };
  };

  it('checks at most the allowed number of wrong security answers in one burst', async () => {
    const { username, resetToken } = await resetUser();
    const answers = await burst(BURST + 1, (i) =>
      portal.post('/api/v1/auth/reset/answers', {
        resetToken,
        answers: i === BURST ? RIGHT_ANSWERS : ['Biscuit the Cat', 'Porto', `Wrong Boat ${i}`],
      }),
    );
    expect(await countFailures(portal.ctx.db, username)).toBeLessThanOrEqual(limit);
    expect(answers.filter((a) => a.status === 401 && a.body.error.code === 'invalid_credentials').length)
      .toBeLessThanOrEqual(limit);
    expect((await portal.post('/api/v1/auth/reset/start', { username })).status).toBe(423);
  });

  it('consumes the reset token once: one of 100 simultaneous new passwords wins', async () => {
    const { userId, resetToken } = await resetUser();
    const answered = await portal.post('/api/v1/auth/reset/answers', { resetToken, answers: RIGHT_ANSWERS });
    expect(answered.body.step).toBe('new_password');
    const answers = await burst(BURST, (i) =>
      portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: `Brand-New-Burst-Pass-${i}x` }),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(won[0]!.body.step).toBe('complete');
    expect(answers.filter((a) => a.status !== 200).every((a) => a.body.error.code === 'session_expired')).toBe(true);
    expect(await countAudit(portal.ctx.db, userId, 'password_reset')).toBe(1);
    const sessions = await portal.ctx.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM sessions WHERE user_id = $1',
      [userId],
    );
    expect(Number(sessions.rows[0]!.n)).toBe(1);
  });

  it('still lets a refused new password be retried with the same token', async () => {
    const { resetToken } = await resetUser();
    expect((await portal.post('/api/v1/auth/reset/answers', { resetToken, answers: RIGHT_ANSWERS })).status).toBe(200);
    const weak = await burst(10, () => portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: 'password' }));
    expect(weak.every((a) => a.status === 400 || a.status === 401)).toBe(true);
    const done = await portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: 'Brand-New-Retry-Pass-1x' });
    expect(done.status).toBe(200);
  });

  // Runs last: it moves the clock past the password's maximum age.
  it('ends a forced-change flow once: one of 100 simultaneous new passwords wins', async () => {
    n += 1;
    const { user, password } = await createTestUser(portal, `burst-change-${n}`);
    const { secret } = await enrollDevice(portal, user);
    portal.clock.advance((portal.ctx.config.passwords.maxAgeDays ?? 90) * 86_400_000 + 60_000);
    const first = await passwordStep(portal, user.username, password);
    const code = totpAt(secret, portal.clock.now().getTime());
    const factor = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: first.body.flowToken, code });
    expect(factor.body.step).toBe('change_password');
    const flowToken = factor.body.flowToken as string;
    const answers = await burst(BURST, (i) =>
      portal.post('/api/v1/auth/change-password', { flowToken, newPassword: `Changed-Burst-Pass-${i}x` }),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.body.error.code === 'flow_expired')).toBe(true);
    expect(await countAudit(portal.ctx.db, user.id, 'password_changed')).toBe(1);
  });
});
