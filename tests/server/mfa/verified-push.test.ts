/**
 * Verified push (number matching), on every backend: the sign-in and reset
 * screens get a 3-digit code, the phone is told only that one is needed,
 * *Approve* works with that code alone, and a wrong code denies the push and
 * counts toward the lockout — once per push, even under a burst of 100.
 */
import { describe, expect, it } from 'vitest';
import { BURST, burst, countAudit, countFailures, statusCounts } from '../burst';
import { backends } from '../helpers';
import { enrolledUser, passwordStep, useMfaPortal, type MfaPortal } from './mfa-helpers';

/** A user with a bound approver page, at the `mfa` step of a sign-in. */
async function atPush(portal: MfaPortal, prefix: string) {
  const { user, password, device } = await enrolledUser(portal, prefix);
  const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
  const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;
  const step = await passwordStep(portal, user.username, password);
  return { user, cookie, flowToken: step.body.flowToken as string };
}

/** A 3-digit code that is not `code`. */
const otherCode = (code: string, i = 1): string => String((Number(code) + i) % 1000).padStart(3, '0');

describe.each(backends)('verified push ($name)', (backend) => {
  const portal = useMfaPortal(backend, { mfa: { longPollSeconds: 1 } });

  it('shows the code at sign-in, never on the phone; Approve needs it and completes the sign-in', async () => {
    const { user, cookie, flowToken } = await atPush(portal, 'verified');
    const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(issued.status).toBe(200);
    const code = issued.body.push.code as string;
    expect(code).toMatch(/^\d{3}$/);

    const onPhone = await portal.get('/approver/api/pushes', { cookie });
    expect(onPhone.body.pushes).toEqual([
      expect.objectContaining({ id: issued.body.push.id, needsCode: true }),
    ]);
    expect(Object.keys(onPhone.body.pushes[0]).sort()).toEqual([
      'address',
      'app',
      'expiresAt',
      'id',
      'issuedAt',
      'needsCode',
    ]);

    // Nothing typed (or not 3 digits) is no guess: refused, not counted, still pending.
    for (const body of [
      { answer: 'approve' },
      { answer: 'approve', code: '12' },
      { answer: 'approve', code: 'abc' },
    ]) {
      const refused = await portal.post(`/approver/api/pushes/${issued.body.push.id}`, body, { cookie });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.field).toBe('code');
    }
    expect(await countFailures(portal.ctx.db, user.username)).toBe(0);

    const approve = await portal.post(
      `/approver/api/pushes/${issued.body.push.id}`,
      { answer: 'approve', code },
      { cookie },
    );
    expect(approve.status).toBe(200);
    const done = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: issued.body.push.id });
    expect(done.body).toMatchObject({ state: 'approved', next: { step: 'complete' } });
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.push_approved')).toBe(1);
  });

  it('a wrong code denies the push, counts as a failed attempt and warns when few are left', async () => {
    const { user, cookie, flowToken } = await atPush(portal, 'wrong-code');
    for (let i = 1; i <= 3; i += 1) {
      const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
      const { id, code } = issued.body.push as { id: string; code: string };
      const wrong = await portal.post(
        `/approver/api/pushes/${id}`,
        { answer: 'approve', code: otherCode(code) },
        { cookie },
      );
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toMatchObject({ code: 'invalid_code', details: { reason: 'wrong_code' } });
      // The right code comes too late: one guess per push.
      const late = await portal.post(`/approver/api/pushes/${id}`, { answer: 'approve', code }, { cookie });
      expect(late.status).toBe(409);
      const waited = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: id });
      expect(waited.body).toMatchObject({ state: 'denied', reason: 'wrong_code' });
      // 5 failures lock; the warning starts with 2 attempts left.
      if (i < 3) expect(waited.body.attemptsLeft).toBeUndefined();
      else expect(waited.body.attemptsLeft).toBe(2);
      expect(await countFailures(portal.ctx.db, user.username)).toBe(i);
    }
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.push_denied')).toBe(3);
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.push_approved')).toBe(0);
  });

  it(`${BURST} parallel wrong codes for one push: never approved, one guess counted`, async () => {
    const { user, cookie, flowToken } = await atPush(portal, 'code-burst');
    const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    const { id, code } = issued.body.push as { id: string; code: string };
    const answers = await burst(BURST, (i) =>
      portal.post(
        `/approver/api/pushes/${id}`,
        { answer: 'approve', code: otherCode(code, 1 + (i % 999)) },
        { cookie },
      ),
    );
    const counts = statusCounts(answers.map((a) => a.status));
    // One wrong code denied the push (401, or 423 while other guesses were still reserved);
    // the rest met the settled push (409) or those reservations (423). None approved.
    expect(Object.keys(counts).filter((status) => !['401', '409', '423'].includes(status))).toEqual([]);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(1);
    expect(await countFailures(portal.ctx.db, user.username)).toBe(1);
    expect(await countAudit(portal.ctx.db, user.id, 'mfa.push_denied')).toBe(1);
    const waited = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: id });
    expect(waited.body).toMatchObject({ state: 'denied', reason: 'wrong_code' });
  });

  it('the reset push shows a code the same way; a wrong code denies it', async () => {
    const { user, cookie } = await atPush(portal, 'reset-code');
    const started = await portal.post('/api/v1/auth/reset/start', { username: user.username });
    const resetToken = started.body.resetToken as string;
    const sent = await portal.post('/api/v1/auth/reset/push', { resetToken });
    const { id, code } = sent.body.push as { id: string; code: string };
    expect(code).toMatch(/^\d{3}$/);
    const wrong = await portal.post(
      `/approver/api/pushes/${id}`,
      { answer: 'approve', code: otherCode(code) },
      { cookie },
    );
    expect(wrong.status).toBe(401);
    const waited = await portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId: id });
    expect(waited.body).toMatchObject({ state: 'denied', reason: 'wrong_code' });
    expect(await countFailures(portal.ctx.db, user.username)).toBe(1);
  });

  it('a reset for a name without an account gets a code too (nothing tells the names apart)', async () => {
    const started = await portal.post('/api/v1/auth/reset/start', { username: 'nobody-here' });
    const sent = await portal.post('/api/v1/auth/reset/push', { resetToken: started.body.resetToken });
    expect(sent.status).toBe(200);
    expect(sent.body.push.code).toMatch(/^\d{3}$/);
  });
});

describe.each(backends)('approve-only push when push.verification is off ($name)', (backend) => {
  const portal = useMfaPortal(backend, { mfa: { longPollSeconds: 1, push: { verification: 'off' } } });

  it('sends no code and approves without one', async () => {
    const { cookie, flowToken } = await atPush(portal, 'no-code');
    const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(issued.body.push.code).toBeUndefined();
    const onPhone = await portal.get('/approver/api/pushes', { cookie });
    expect(onPhone.body.pushes[0].needsCode).toBe(false);
    expect(
      (await portal.post(`/approver/api/pushes/${issued.body.push.id}`, { answer: 'approve' }, { cookie }))
        .status,
    ).toBe(200);
    const done = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: issued.body.push.id });
    expect(done.body.state).toBe('approved');
  });
});
