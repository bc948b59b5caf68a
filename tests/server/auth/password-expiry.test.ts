import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_PASSWORD_POLICY } from '../policy/guide-password-policy';
import { DAY_MS, startPasswordHarness, type PasswordHarness } from './password-harness';

describe('password expiry with the server clock', () => {
  let h: PasswordHarness;
  const password = 'Exp1ry-Tester-Pw';

  beforeAll(async () => {
    h = await startPasswordHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('day 89 signs in normally; day 90 goes straight to a forced change', async () => {
    await h.createAccount({ username: 'aging', password });
    h.clock.advance(89 * DAY_MS);
    const day89 = await h.post('/auth/sign-in', { username: 'aging', password });
    expect(day89.status).toBe(200);
    expect(day89.body.step).toBe('complete');

    h.clock.advance(1 * DAY_MS);
    const day90 = await h.post('/auth/sign-in', { username: 'aging', password });
    expect(day90.status).toBe(200);
    expect(day90.body.step).toBe('change_password');
    expect(day90.body.reason).toBe('expired');
    expect(day90.body).not.toHaveProperty('session');

    // The forced change ends the attempt; the new password then signs in normally.
    const changed = await h.post('/auth/change-password', {
      flowToken: day90.body.flowToken,
      newPassword: 'Fresh-Start-2026',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.status).toBe('password_changed');
    await h.signIn('aging', 'Fresh-Start-2026');
  });

  it('reports the days left: reminders from 14 days, notifications from 7', async () => {
    await h.createAccount({ username: 'reminded', password });
    const statusNow = async () => {
      const token = await h.signIn('reminded', password);
      const status = await h.get('/account/password-status', token);
      expect(status.status).toBe(200);
      return status.body as { daysLeft: number; state: string };
    };
    const created = h.clock.now().getTime();
    const at = async (day: number) => {
      h.clock.set(new Date(created + day * DAY_MS));
      return statusNow();
    };
    expect(await at(75)).toMatchObject({ daysLeft: 15, state: 'ok' });
    expect(await at(76)).toMatchObject({ daysLeft: 14, state: 'remind' });
    expect(await at(82)).toMatchObject({ daysLeft: 8, state: 'remind' });
    expect(await at(83)).toMatchObject({ daysLeft: 7, state: 'notify' });
    expect(await at(89)).toMatchObject({ daysLeft: 1, state: 'notify' });
  });

  it('expiry follows the configuration (maxAgeDays null: never expires)', async () => {
    const other = await startPasswordHarness({ passwords: { maxAgeDays: null } });
    try {
      await other.createAccount({ username: 'forever', password });
      other.clock.advance(400 * DAY_MS);
      const answer = await other.post('/auth/sign-in', { username: 'forever', password });
      expect(answer.body.step).toBe('complete');
    } finally {
      await other.close();
    }
  });

  it('publishes the policy publicly so the client checklist uses the same rules', async () => {
    const answer = await h.get('/password-policy');
    expect(answer.status).toBe(200);
    expect(answer.body.policy).toEqual(expect.objectContaining(GUIDE_PASSWORD_POLICY));
  });
});
