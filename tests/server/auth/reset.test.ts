import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSync } from 'otplib';
import { listAuditEvents } from '../../../server/auth/password-audit';
import { replaceBackupCodes } from '../../../server/mfa/backup-store';
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
      {
        username: 'rita',
        password: 'Start-Pass-Rita-1',
        totpSecret: SECRET,
        securityAnswers: SECURITY_ANSWERS,
      },
      {
        username: 'sam',
        password: 'Start-Pass-Sam-1',
        totpSecret: SECRET,
        securityAnswers: SECURITY_ANSWERS,
      },
      { username: 'noqs', password: 'Start-Pass-Noqs-1', totpSecret: SECRET },
      { username: 'nofactor', password: 'Start-Pass-Nof-1', securityAnswers: SECURITY_ANSWERS },
      { username: 'bea', password: 'Start-Pass-Bea-1', securityAnswers: SECURITY_ANSWERS },
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const start = async (username: string) => {
    const answer = await h.post('/auth/reset/start', { username });
    expect(answer.status).toBe(200);
    return answer.body as { resetToken: string; step: string; methods: string[] };
  };
  /** One step of a started reset: the reset token plus that step's field. */
  const step = (
    path: 'answers' | 'second-factor' | 'password',
    resetToken: string,
    body: Record<string, unknown>,
  ) => h.post(`/auth/reset/${path}`, { resetToken, ...body });
  /** The code of the next time step (codes are single use), moving the clock there. */
  const code = () => {
    h.clock.advance(30_000);
    return generateSync({ secret: SECRET, epoch: Math.floor(h.clock.now().getTime() / 1000) });
  };
  /** A well-formed code that is none of the accepted ones now. */
  const wrongCode = () => {
    const now = Math.floor(h.clock.now().getTime() / 1000);
    const near = new Set([-30, 0, 30].map((d) => generateSync({ secret: SECRET, epoch: now + d })));
    return ['000000', '111111', '222222'].find((c) => !near.has(c))!;
  };

  it('asks for the second factor first, then the questions (exact answers), then the new password, then signs in', async () => {
    const started = await start('rita');
    expect(started.step).toBe('second_factor');
    expect(started.methods).toEqual(['push', 'passcode']);
    expect(JSON.stringify(started)).not.toMatch(/question/i);

    // No skipping: neither answers nor a new password before the second factor.
    expect((await step('answers', started.resetToken, { answers: RIGHT_ANSWERS })).status).toBe(401);
    expect((await step('password', started.resetToken, { newPassword: 'Brand-New-Pass-77' })).status).toBe(
      401,
    );

    const badCode = await step('second-factor', started.resetToken, { code: wrongCode() });
    expect(badCode.status).toBe(401);
    expect(badCode.body.error?.code).toBe('invalid_credentials');
    const factor = await step('second-factor', started.resetToken, { code: code() });
    expect(factor.status).toBe(200);
    expect(factor.body).toEqual({
      step: 'questions',
      questions: [
        'What was the name of your first pet?',
        'In what city were you born?',
        SECURITY_ANSWERS.custom.question,
      ],
    });
    // The factor is used up: a second one cannot go through this token again.
    expect((await step('second-factor', started.resetToken, { code: code() })).status).toBe(401);
    expect((await step('password', started.resetToken, { newPassword: 'Brand-New-Pass-77' })).status).toBe(
      401,
    );

    const wrongCase = await step('answers', started.resetToken, {
      answers: ['biscuit the cat', 'Porto', 'Sea Breeze'],
    });
    expect(wrongCase.status).toBe(401);
    expect(wrongCase.body.error?.code).toBe('invalid_credentials');
    const right = await step('answers', started.resetToken, { answers: RIGHT_ANSWERS });
    expect(right.status).toBe(200);
    expect(right.body.step).toBe('new_password');

    const weak = await step('password', started.resetToken, { newPassword: 'password' });
    expect(weak.status).toBe(400);
    const done = await step('password', started.resetToken, { newPassword: 'Brand-New-Pass-77' });
    expect(done.status).toBe(200);
    expect(done.body.step).toBe('complete');
    const token = (done.body.session as { token: string }).token;
    expect((await h.get('/auth/session', token)).status).toBe(200);

    // Single use; the old password is gone; audited.
    expect((await step('password', started.resetToken, { newPassword: 'Other-New-Pass-78' })).status).toBe(
      401,
    );
    expect((await h.post('/auth/sign-in', { username: 'rita', password: 'Start-Pass-Rita-1' })).status).toBe(
      401,
    );
    expect((await listAuditEvents(h.db, ids.rita!)).map((e) => e.type)).toContain('password_reset');
  });

  it('takes a backup code as the second factor, once', async () => {
    const [backup] = await replaceBackupCodes(h.db, ids.bea!, h.clock.now());
    const first = await start('bea');
    const factor = await step('second-factor', first.resetToken, { code: backup });
    expect(factor.body.step).toBe('questions');
    const again = await start('bea');
    expect((await step('second-factor', again.resetToken, { code: backup })).status).toBe(401);
  });

  it('wrong answers count toward the lockout, and the same questions stay between attempts', async () => {
    const started = await start('sam');
    const factor = await step('second-factor', started.resetToken, { code: code() });
    expect(factor.status).toBe(200);
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await step('answers', started.resetToken, { answers: ['a1a', 'b1b', 'c1c'] }));
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(answers[3]!.body.error?.details?.attemptsLeft).toBe(1);
    expect(answers[4]!.status).toBe(423);
    expect((await h.post('/auth/sign-in', { username: 'sam', password: 'Start-Pass-Sam-1' })).status).toBe(
      423,
    );
    expect((await h.post('/auth/reset/start', { username: 'sam' })).status).toBe(423);
    await h.ctx.passwords.lockout.unlock('sam', 'cli');
    const later = await step('second-factor', (await start('sam')).resetToken, { code: code() });
    expect(later.body.questions).toEqual(factor.body.questions);
  });

  it('an account without a second factor answers like an unknown name: its codes are wrong, no question is shown', async () => {
    const none = await start('nofactor');
    const unknown = await start('nobody-here');
    const a = await step('second-factor', none.resetToken, { code: '123456' });
    const b = await step('second-factor', unknown.resetToken, { code: '123456' });
    expect(a.status).toBe(401);
    expect(a).toEqual(b);
  });

  it('an account without questions says so only after a verified second factor', async () => {
    const started = await start('noqs');
    const factor = await step('second-factor', started.resetToken, { code: code() });
    expect(factor.status).toBe(403);
    expect(factor.body.error?.details?.reason).toBe('no_security_questions');
  });

  it('refuses a token from the older order (questions first) instead of taking answers before the factor', async () => {
    const started = await start('rita');
    await h.db.query(`UPDATE password_flows SET stage = 'answers'`);
    expect((await step('answers', started.resetToken, { answers: RIGHT_ANSWERS })).status).toBe(401);
    expect((await step('second-factor', started.resetToken, { code: code() })).status).toBe(401);
  });
});
