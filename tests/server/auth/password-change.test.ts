import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../server/auth/password-audit';
import { findUserByUsername } from '../../../server/auth/users';
import { seedAccounts } from '../../e2e/seed-accounts';
import { MIN_ARGON2 } from '../helpers';
import { startPasswordHarness, type PasswordHarness } from './password-harness';

/** Passwords that meet every rule and are not on the blocklist; distinct per index. */
const good = (i: number) => `Qz7!vranek-${i}-plover`;

describe('password change policy at the server (account menu route)', () => {
  let h: PasswordHarness;
  let username = '';
  let current = '';
  let counter = 0;

  beforeAll(async () => {
    h = await startPasswordHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A fresh account per test, so history and lockout never leak between tests. */
  async function freshAccount(): Promise<string> {
    counter += 1;
    username = `alice${counter}`;
    current = good(1000 + counter);
    await h.createAccount({ username, password: current });
    return h.signIn(username, current);
  }

  async function change(newPassword: string) {
    const token = await h.signIn(username, current);
    const answer = await h.post('/account/password', { currentPassword: current, newPassword }, token);
    if (answer.status === 200) current = newPassword;
    return answer;
  }

  it('refuses 7 characters and accepts 8', async () => {
    await freshAccount();
    const seven = await change('Ab1!xyz');
    expect(seven.status).toBe(400);
    expect(seven.body.error?.details).toMatchObject({ field: 'newPassword', rules: 'min-length' });
    expect((await change('Ab1!xyzw')).status).toBe(200);
  });

  it('refuses 2 character classes and accepts 3', async () => {
    await freshAccount();
    const two = await change('lowercase-only-and-symbols');
    expect(two.status).toBe(400);
    expect(String(two.body.error?.details?.rules)).toContain('classes');
    expect((await change('Lowercase-and-symbols')).status).toBe(200);
  });

  it('refuses each of the last 5 passwords and accepts the 6th-oldest', async () => {
    await freshAccount();
    const used = [current];
    for (let i = 1; i <= 5; i++) {
      const next = good(i);
      expect((await change(next)).status).toBe(200);
      used.unshift(next);
    }
    // used[0] is the current password, used[4] the 5th newest, used[5] the 6th-oldest.
    for (const old of used.slice(0, 5)) {
      const answer = await change(old);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.details).toMatchObject({ rules: 'not-recent' });
    }
    expect((await change(used[5]!)).status).toBe(200);
  }, 120_000);

  it('accepts 64- and 128-character passwords and never truncates them', async () => {
    await freshAccount();
    const sixtyFour = `Aa1!${'x'.repeat(60)}`;
    const long = `Bb2@${'y'.repeat(124)}`;
    expect(sixtyFour).toHaveLength(64);
    expect(long).toHaveLength(128);
    expect((await change(sixtyFour)).status).toBe(200);
    expect((await change(long)).status).toBe(200);
    // Only the whole password works: a truncated one is wrong.
    expect((await h.post('/auth/sign-in', { username, password: long.slice(0, 72) })).status).toBe(401);
    expect((await h.post('/auth/sign-in', { username, password: long.slice(0, 127) })).status).toBe(401);
    expect((await h.post('/auth/sign-in', { username, password: long })).status).toBe(200);
  });

  it('refuses a blocklisted password even when it meets the other rules', async () => {
    await freshAccount();
    const answer = await change('Password123!');
    expect(answer.status).toBe(400);
    expect(String(answer.body.error?.details?.rules)).toContain('not-common');
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const token = await freshAccount();
    const answer = await h.post(
      '/account/password',
      { currentPassword: 'Wrong-Pass-1', newPassword: good(77) },
      token,
    );
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe('invalid_credentials');
    expect((await h.post('/auth/sign-in', { username, password: current })).status).toBe(200);
  });

  it('logs the user off everywhere and writes an audit record', async () => {
    const first = await freshAccount();
    const second = await h.signIn(username, current);
    expect((await change(good(88))).status).toBe(200);
    for (const token of [first, second]) {
      const session = await h.get('/auth/session', token);
      expect(session.status).toBe(401);
      expect(session.body.error?.code).toBe('session_expired');
    }
    const user = await h.db.query<{ id: string; credentials_changed_at: Date | null }>(
      'SELECT id, credentials_changed_at FROM users WHERE username = $1',
      [username],
    );
    expect(user.rows[0]?.credentials_changed_at).not.toBeNull();
    const events = await listAuditEvents(h.db, user.rows[0]!.id);
    expect(events.map((e) => e.type)).toContain('password_changed');
    expect(JSON.stringify(events)).not.toContain(good(88));
  });
});

describe('temporary password', () => {
  let h: PasswordHarness;

  beforeAll(async () => {
    h = await startPasswordHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /**
   * Signs in with the temporary password of an account whose second factor
   * is already enrolled (the second-factor steps), passes the factor for this
   * attempt, answers the security questions and arrives at change_password.
   */
  async function toChangeStep(username: string, password: string): Promise<string> {
    let answer = await h.post('/auth/sign-in', { username, password });
    expect(answer.status).toBe(200);
    const flowToken = String(answer.body.flowToken);
    const flow = await h.ctx.signIn.load(flowToken);
    await h.ctx.signIn.markFactorVerified(flow.flowId);
    expect((await h.ctx.signIn.load(flowToken)).step).toBe('security_questions');
    answer = await h.post('/auth/security-questions', {
      flowToken,
      chosen: [
        { questionId: 'first-pet', answer: 'Rex the dog' },
        { questionId: 'birth-city', answer: 'Lisbon' },
      ],
      custom: { question: 'What colour was my first kite?', answer: 'Crimson' },
    });
    expect(answer.body.step).toBe('change_password');
    expect(answer.body.reason).toBe('temporary');
    return String(answer.body.flowToken);
  }

  const seed = (username: string, password: string) =>
    seedAccounts(h.ctx, MIN_ARGON2, h.clock.now(), [
      {
        username,
        password,
        mustChangePassword: true,
        totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        backupCodesSaved: true,
      },
    ]);

  it('can never become the new password, not even after 5 other changes', async () => {
    const temporary = 'Tempo-Rary-42';
    await seed('newbie', temporary);
    const flowToken = await toChangeStep('newbie', temporary);
    const same = await h.post('/auth/change-password', { flowToken, newPassword: temporary });
    expect(same.status).toBe(400);
    expect(String(same.body.error?.details?.rules)).toContain('not-recent');

    let current = good(1);
    expect((await h.post('/auth/change-password', { flowToken, newPassword: current })).status).toBe(200);
    const user = (await findUserByUsername(h.db, 'newbie'))!;
    const service = h.ctx.passwords.passwords;
    for (let i = 2; i <= 7; i++) {
      const next = good(i);
      await service.change((await findUserByUsername(h.db, 'newbie'))!, next, 'change', 'test');
      current = next;
    }
    expect(user.id).toBeTruthy();
    const evaluation = await service.evaluate((await findUserByUsername(h.db, 'newbie'))!, temporary);
    expect(evaluation.isAcceptable).toBe(false);
    expect(evaluation.rules.find((r) => r.id === 'not-recent')?.met).toBe(false);
    expect(current).toBe(good(7));
  }, 120_000);

  it('the change step is single use and logs the user off', async () => {
    await seed('newbie2', 'Tempo-Rary-43');
    const flowToken = await toChangeStep('newbie2', 'Tempo-Rary-43');
    expect((await h.post('/auth/change-password', { flowToken, newPassword: good(50) })).status).toBe(200);
    const again = await h.post('/auth/change-password', { flowToken, newPassword: good(51) });
    expect(again.status).toBe(401);
    expect((await h.post('/auth/sign-in', { username: 'newbie2', password: 'Tempo-Rary-43' })).status).toBe(
      401,
    );
    // The new password works; the next step is the second factor, not activation again.
    const next = await h.post('/auth/sign-in', { username: 'newbie2', password: good(50) });
    expect(next.status).toBe(200);
    expect(next.body.step).toBe('mfa');
  });

  it('refuses weak security answers with a clear message naming the field', async () => {
    await seed('newbie3', 'Tempo-Rary-44');
    const answer = await h.post('/auth/sign-in', { username: 'newbie3', password: 'Tempo-Rary-44' });
    const flowToken = String(answer.body.flowToken);
    await h.ctx.signIn.markFactorVerified((await h.ctx.signIn.load(flowToken)).flowId);
    const weak = await h.post('/auth/security-questions', {
      flowToken,
      chosen: [
        { questionId: 'first-pet', answer: 'Rex' },
        { questionId: 'birth-city', answer: 'Lisbon' },
      ],
      custom: { question: 'Kite?', answer: 'Crimson' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.details).toMatchObject({
      field: 'custom.question',
      reason: 'question_too_short',
    });
  });
});
