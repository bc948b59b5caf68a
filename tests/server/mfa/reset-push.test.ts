import { describe, expect, it } from 'vitest';
import { saveSecurityAnswers } from '../../../server/auth/security-questions-store';
import { backends, MIN_ARGON2, RIGHT_ANSWERS, SECURITY_ANSWERS } from '../helpers';
import { enrolledUser, totpAt, useMfaPortal } from './mfa-helpers';

const NEW_PASSWORD = 'Fresh-Reset-Pass-2026!';

/** *Forgot your password?* with *Send Me a Push* as the second factor (asked before the questions). */
describe.each(backends)('password reset with a push ($name)', (backend) => {
  const portal = useMfaPortal(backend, { mfa: { longPollSeconds: 2 } });

  /** A user with questions and an authenticator; `phone` also binds the approver page. */
  const account = async (phone: boolean) => {
    const { user, device } = await enrolledUser(portal, 'reset-push');
    await saveSecurityAnswers(portal.ctx.db, user.id, SECURITY_ANSWERS, MIN_ARGON2, portal.clock.now());
    let cookie = '';
    if (phone) {
      const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
      cookie = bound.headers.get('set-cookie')!.split(';')[0]!;
    }
    portal.clock.advanceSeconds(30);
    return { user, device, cookie };
  };
  /** Starts a reset: the second factor comes first; returns the token and the offered methods. */
  const atSecondFactor = async (username: string) => {
    const started = await portal.post('/api/v1/auth/reset/start', { username });
    expect(started.status).toBe(200);
    return { resetToken: started.body.resetToken as string, methods: started.body.methods as string[] };
  };

  it('offers the push first, approves it on the phone, shows the questions, then sets the password', async () => {
    const { user, cookie } = await account(true);
    const { resetToken, methods } = await atSecondFactor(user.username);
    expect(methods).toEqual(['push', 'passcode']);
    // No skipping to the new password before the push is approved.
    expect((await portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: NEW_PASSWORD })).status).toBe(401);

    const sent = await portal.post('/api/v1/auth/reset/push', { resetToken });
    expect(sent.status).toBe(200);
    const pushId = sent.body.push.id as string;
    const onPhone = await portal.get('/approver/api/pushes', { cookie });
    expect(onPhone.body.pushes).toEqual([expect.objectContaining({ id: pushId, app: 'Portico password reset' })]);

    const pending = await portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId });
    expect(pending.body.state).toBe('pending');
    const waiting = portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId });
    expect((await portal.post(`/approver/api/pushes/${pushId}`, { answer: 'approve', code: sent.body.push.code }, { cookie })).status).toBe(200);
    const approved = await waiting;
    expect(approved.body.state).toBe('approved');
    expect(approved.body.next.step).toBe('questions');
    expect(approved.body.next.questions).toHaveLength(3);
    // No second approval of the same push into this reset.
    expect((await portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId })).status).toBe(401);
    expect((await portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: NEW_PASSWORD })).status).toBe(401);
    const answered = await portal.post('/api/v1/auth/reset/answers', { resetToken, answers: RIGHT_ANSWERS });
    expect(answered.body.step).toBe('new_password');
    expect(answered.body.policy.minLength).toBeGreaterThan(0);

    const done = await portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.body.step).toBe('complete');
    // The reset is used up.
    expect((await portal.post('/api/v1/auth/reset/push', { resetToken })).status).toBe(401);
  });

  it('a denied push says so, counts toward lockout, and the reset can still go on with a passcode', async () => {
    const { user, device, cookie } = await account(true);
    const { resetToken } = await atSecondFactor(user.username);
    const first = (await portal.post('/api/v1/auth/reset/push', { resetToken })).body.push.id as string;
    await portal.post(`/approver/api/pushes/${first}`, { answer: 'deny' }, { cookie });
    const once = await portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId: first });
    expect(once.body).toEqual({ state: 'denied', expiresAt: expect.any(String) });
    // Two wrong codes and a second denial: few attempts are left, and the wait says so.
    const now = portal.clock.now().getTime();
    const near = new Set([-30_000, 0, 30_000].map((d) => totpAt(device.secret, now + d)));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !near.has(c))!;
    for (const code of [wrong, wrong]) {
      expect((await portal.post('/api/v1/auth/reset/second-factor', { resetToken, code })).status).toBe(401);
    }
    const pushId = (await portal.post('/api/v1/auth/reset/push', { resetToken })).body.push.id as string;
    await portal.post(`/approver/api/pushes/${pushId}`, { answer: 'deny' }, { cookie });
    const denied = await portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId });
    expect(denied.body).toMatchObject({ state: 'denied', attemptsLeft: 1 });
    expect(denied.body.next).toBeUndefined();
    const failures = await portal.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE user_id = $1 AND type = $2', [user.id, 'mfa.push_denied']);
    expect(Number(failures.rows[0]?.n)).toBe(2);
    const code = totpAt(device.secret, portal.clock.now().getTime());
    const byCode = await portal.post('/api/v1/auth/reset/second-factor', { resetToken, code });
    expect(byCode.body.step).toBe('questions');
  });

  it('cancels and times out like sign-in; a cancelled or expired push never moves the reset on', async () => {
    const { user, cookie } = await account(true);
    const { resetToken } = await atSecondFactor(user.username);
    const first = (await portal.post('/api/v1/auth/reset/push', { resetToken })).body.push.id as string;
    const cancelled = await portal.post('/api/v1/auth/reset/push/cancel', { resetToken, pushId: first });
    expect(cancelled.body.state).toBe('cancelled');
    const late = await portal.post(`/approver/api/pushes/${first}`, { answer: 'approve' }, { cookie });
    expect(late.status).toBe(409);
    expect((await portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId: first })).body.state).toBe('cancelled');

    const second = (await portal.post('/api/v1/auth/reset/push', { resetToken })).body.push.id as string;
    portal.clock.advanceSeconds(portal.server.config.mfa.push.expirySeconds);
    expect((await portal.post('/api/v1/auth/reset/push/wait', { resetToken, pushId: second })).body.state).toBe('expired');
    expect((await portal.post('/api/v1/auth/reset/answers', { resetToken, answers: RIGHT_ANSWERS })).status).toBe(401);
    expect((await portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: NEW_PASSWORD })).status).toBe(401);
  });

  it('sends a push for an account without a phone and for an unknown name alike: nobody sees it, it expires', async () => {
    const noPhone = await account(false);
    const plain = await atSecondFactor(noPhone.user.username);
    const unknown = await atSecondFactor(`nobody-${noPhone.user.username}`);
    expect(plain.methods).toEqual(['push', 'passcode']);
    expect(unknown.methods).toEqual(plain.methods);
    const sent = await Promise.all([plain, unknown].map((r) => portal.post('/api/v1/auth/reset/push', { resetToken: r.resetToken })));
    expect(sent.map((r) => r.status)).toEqual([200, 200]);
    // The verified push's code is random for everyone: compared by its form.
    const shape = (body: { push: { id: string; expiresAt: string; code?: string } }) => ({
      ...body,
      push: { ...body.push, id: typeof body.push.id, code: /^\d{3}$/.test(body.push.code ?? '') ? 'ddd' : body.push.code },
    });
    expect(shape(sent[1]!.body)).toEqual(shape(sent[0]!.body));
    // Still pending within the long poll, like a push nobody has answered yet.
    const polls = await Promise.all(
      [plain, unknown].map((r, i) => portal.post('/api/v1/auth/reset/push/wait', { resetToken: r.resetToken, pushId: sent[i]!.body.push.id })),
    );
    expect(polls.map((p) => p.body)).toEqual([polls[0]!.body, polls[0]!.body]);
    expect(polls[0]!.body.state).toBe('pending');
    portal.clock.advanceSeconds(portal.server.config.mfa.push.expirySeconds);
    const ended = await Promise.all(
      [plain, unknown].map((r, i) => portal.post('/api/v1/auth/reset/push/wait', { resetToken: r.resetToken, pushId: sent[i]!.body.push.id })),
    );
    expect(ended.map((p) => p.body)).toEqual([{ state: 'expired', expiresAt: sent[0]!.body.push.expiresAt }, { state: 'expired', expiresAt: sent[0]!.body.push.expiresAt }]);
  });

  it('keeps pushes to their reset: another reset, junk ids and extra fields are refused', async () => {
    const { user } = await account(true);
    const a = await atSecondFactor(user.username);
    const b = await atSecondFactor(user.username);
    const pushId = (await portal.post('/api/v1/auth/reset/push', { resetToken: a.resetToken })).body.push.id as string;
    expect((await portal.post('/api/v1/auth/reset/push/wait', { resetToken: b.resetToken, pushId })).status).toBe(404);
    expect((await portal.post('/api/v1/auth/reset/push/cancel', { resetToken: b.resetToken, pushId })).status).toBe(404);
    expect((await portal.post('/api/v1/auth/reset/push/wait', { resetToken: a.resetToken, pushId: 'x'.repeat(65) })).status).toBe(400);
    expect((await portal.post('/api/v1/auth/reset/push', { resetToken: a.resetToken, extra: 1 })).status).toBe(400);
    // A push for an unknown name is not found through a real reset either.
    const unknown = await atSecondFactor(`nobody-else-${user.username}`);
    const decoy = (await portal.post('/api/v1/auth/reset/push', { resetToken: unknown.resetToken })).body.push.id as string;
    expect((await portal.post('/api/v1/auth/reset/push/wait', { resetToken: a.resetToken, pushId: decoy })).status).toBe(404);
  });

  it('applies the push limits to resets too', async () => {
    const { user } = await account(true);
    const { resetToken } = await atSecondFactor(user.username);
    for (let i = 0; i < portal.server.config.mfa.push.maxPending; i += 1) {
      expect((await portal.post('/api/v1/auth/reset/push', { resetToken })).status).toBe(200);
    }
    const over = await portal.post('/api/v1/auth/reset/push', { resetToken });
    expect(over.status).toBe(429);
    expect(over.body.error.details.reason).toBe('too_many_pending');
    // An unknown name meets the same limit with the same answer.
    const unknown = await atSecondFactor(`nobody-limit-${user.username}`);
    for (let i = 0; i < portal.server.config.mfa.push.maxPending; i += 1) {
      expect((await portal.post('/api/v1/auth/reset/push', { resetToken: unknown.resetToken })).status).toBe(200);
    }
    const unknownOver = await portal.post('/api/v1/auth/reset/push', { resetToken: unknown.resetToken });
    expect(unknownOver).toMatchObject({ status: 429, body: over.body });
  });
}, 120_000);
