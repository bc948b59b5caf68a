import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSync } from 'otplib';
import { listAuditEvents } from '../../../server/auth/password-audit';
import { seedAccounts } from '../../e2e/seed-accounts';
import { MIN_ARGON2, RIGHT_ANSWERS, SECURITY_ANSWERS } from '../helpers';
import { startPasswordHarness, type PasswordHarness } from './password-harness';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('forgotten-password reset', () => {
  let h: PasswordHarness;
  let ids: Record<string, string>;

  beforeAll(async () => {
    h = await startPasswordHarness();
    ids = await seedAccounts(h.ctx, MIN_ARGON2, h.clock.now(), [
      { username: 'rita', password: 'Start-Pass-Rita-1', totpSecret: SECRET, securityAnswers: SECURITY_ANSWERS },
      { username: 'sam', password: 'Start-Pass-Sam-1', totpSecret: SECRET, securityAnswers: SECURITY_ANSWERS },
      { username: 'noqs', password: 'Start-Pass-Noqs-1', totpSecret: SECRET },
      { username: 'nofactor', password: 'Start-Pass-Nof-1', securityAnswers: SECURITY_ANSWERS },
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const start = async (username: string) => {
    const answer = await h.post('/auth/reset/start', { username });
    expect(answer.status).toBe(200);
    return answer.body as { resetToken: string; questions: string[] };
  };
  /** One step of a started reset: the reset token plus that step's field. */
  const step = (path: 'answers' | 'second-factor' | 'password', resetToken: string, body: Record<string, unknown>) =>
    h.post(`/auth/reset/${path}`, { resetToken, ...body });
  const code = () => generateSync({ secret: SECRET, epoch: Math.floor(h.clock.now().getTime() / 1000) });

  it('shows the account questions, compares answers exactly, requires a second factor, then signs in', async () => {
    const started = await start('rita');
    expect(started.questions).toEqual([
      'What was the name of your first pet?',
      'In what city were you born?',
      SECURITY_ANSWERS.custom.question,
    ]);

    const wrongCase = await step('answers', started.resetToken, {
      answers: ['biscuit the cat', 'Porto', 'Sea Breeze'],
    });
    expect(wrongCase.status).toBe(401);
    expect(wrongCase.body.error?.code).toBe('invalid_credentials');

    const right = await step('answers', started.resetToken, { answers: RIGHT_ANSWERS });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ step: 'second_factor', methods: ['passcode'] });

    // No skipping: the new password is refused before the second factor.
    const early = await step('password', started.resetToken, { newPassword: 'Brand-New-Pass-77' });
    expect(early.status).toBe(401);

    const badCode = await step('second-factor', started.resetToken, { code: '000000' });
    expect(badCode.status).toBe(401);
    const factor = await step('second-factor', started.resetToken, { code: code() });
    expect(factor.status).toBe(200);
    expect(factor.body.step).toBe('new_password');

    const weak = await step('password', started.resetToken, { newPassword: 'password' });
    expect(weak.status).toBe(400);
    const done = await step('password', started.resetToken, { newPassword: 'Brand-New-Pass-77' });
    expect(done.status).toBe(200);
    expect(done.body.step).toBe('complete');
    const token = (done.body.session as { token: string }).token;
    expect((await h.get('/auth/session', token)).status).toBe(200);

    // Single use; the old password is gone; audited.
    expect((await step('password', started.resetToken, { newPassword: 'Other-New-Pass-78' })).status).toBe(401);
    expect((await h.post('/auth/sign-in', { username: 'rita', password: 'Start-Pass-Rita-1' })).status).toBe(
      401,
    );
    expect((await listAuditEvents(h.db, ids.rita!)).map((e) => e.type)).toContain('password_reset');
  });

  it('unknown usernames and accounts without questions get stable decoy questions, indistinguishable in shape', async () => {
    const a = await start('nobody-here');
    const b = await start('NOBODY-here');
    const c = await start('noqs');
    expect(a.questions).toHaveLength(3);
    expect(b.questions).toEqual(a.questions);
    expect(c.questions).toHaveLength(3);
    expect((await start('noqs')).questions).toEqual(c.questions);
    const wrongUnknown = await step('answers', a.resetToken, { answers: RIGHT_ANSWERS });
    const wrongKnown = await h.post('/auth/reset/answers', {
      resetToken: (await start('sam')).resetToken,
      answers: ['x1x', 'y1y', 'z1z'],
    });
    expect(wrongUnknown.status).toBe(wrongKnown.status);
    expect(wrongUnknown.body).toEqual(wrongKnown.body);
  });

  it('wrong answers count toward the lockout, and the same questions stay between attempts', async () => {
    const started = await start('sam');
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(
        await step('answers', started.resetToken, { answers: ['a1a', 'b1b', 'c1c'] }),
      );
    // One failure was made by the previous test: the 5th locks.
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([401, 401, 401]);
    expect(answers[2]!.body.error?.details?.attemptsLeft).toBe(1);
    expect(answers[3]!.status).toBe(423);
    expect((await h.post('/auth/sign-in', { username: 'sam', password: 'Start-Pass-Sam-1' })).status).toBe(
      423,
    );
    expect((await h.post('/auth/reset/start', { username: 'sam' })).status).toBe(423);
    await h.ctx.passwords.lockout.unlock('sam', 'cli');
    expect((await start('sam')).questions).toEqual(started.questions);
  });

  it('refuses a reset for an account without a second factor (never questions alone)', async () => {
    const started = await start('nofactor');
    const answer = await step('answers', started.resetToken, { answers: RIGHT_ANSWERS });
    expect(answer.status).toBe(403);
  });
});
