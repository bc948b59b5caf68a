/**
 * *This wasn't me* protects the account, on every backend: the push is
 * blocked, the user's pushes are muted for 20 minutes (on the portal's
 * injected clock), the other pending pushes are cancelled, every session
 * ends (the sessions epoch moves, which is what cuts FTPS logins), the
 * password must be changed at the next sign-in, and managers see it in
 * Activity as a security event.
 */
import { describe, expect, it } from 'vitest';
import { saveSecurityAnswers } from '../../../server/auth/security-questions-store';
import { backends, MIN_ARGON2, SECURITY_ANSWERS } from '../helpers';
import { enrolledUser, passwordStep, totpAt, useMfaPortal } from './mfa-helpers';

const MUTE_SECONDS = 20 * 60;

describe.each(backends)('"This wasn\'t me" ($name)', (backend) => {
  const portal = useMfaPortal(backend, { mfa: { longPollSeconds: 1 } });

  const epochOf = async (userId: string): Promise<number> =>
    Number(
      (
        await portal.ctx.db.query<{ e: number }>('SELECT sessions_epoch AS e FROM users WHERE id = $1', [
          userId,
        ])
      ).rows[0]!.e,
    );

  it('mutes pushes for 20 minutes, cancels pending pushes, ends every session and forces a password change', async () => {
    const { user, password, device } = await enrolledUser(portal, 'reported');
    // An activated account: security answers given, backup codes saved.
    await saveSecurityAnswers(portal.ctx.db, user.id, SECURITY_ANSWERS, MIN_ARGON2, portal.clock.now());
    await portal.ctx.db.query('UPDATE users SET backup_codes_saved_at = $2 WHERE id = $1', [
      user.id,
      portal.clock.now(),
    ]);
    const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
    const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;

    // The user is signed in (passcode) on one computer; the enrollment's code is spent, so the next one.
    portal.clock.advanceSeconds(30);
    const own = await passwordStep(portal, user.username, password);
    const signedIn = await portal.post('/api/v1/auth/mfa/passcode', {
      flowToken: own.body.flowToken,
      code: totpAt(device.secret, portal.clock.now().getTime()),
    });
    expect(signedIn.body.step).toBe('complete');
    const token = signedIn.body.session.token as string;
    expect((await portal.get('/api/v1/auth/session', { authorization: `Bearer ${token}` })).status).toBe(200);
    const epochBefore = await epochOf(user.id);

    // Someone else has the password: two pushes arrive; the user reports the first.
    const theirs = await passwordStep(portal, user.username, password);
    const flowToken = theirs.body.flowToken as string;
    const reported = (await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id as string;
    const other = (await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id as string;
    const report = await portal.post(`/approver/api/pushes/${reported}`, { answer: 'report' }, { cookie });
    expect(report.body).toEqual({ state: 'reported' });
    expect(
      (await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: reported })).body.state,
    ).toBe('reported');
    expect((await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: other })).body.state).toBe(
      'cancelled',
    );
    expect((await portal.get('/approver/api/pushes', { cookie })).body.pushes).toEqual([]);

    // Every session ended, and the epoch FTPS logins rest on moved.
    expect((await portal.get('/api/v1/auth/session', { authorization: `Bearer ${token}` })).status).toBe(401);
    expect(await epochOf(user.id)).toBeGreaterThan(epochBefore);

    // Managers see it as a security event with what was done.
    const events = await portal.ctx.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_events WHERE user_id = $1 AND type = 'mfa.push_reported'`,
      [user.id],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]!.detail).toMatchObject({
      security: true,
      passwordChangeRequired: true,
      sessionsEnded: 1,
      pushesCancelled: 1,
    });

    // Muted: no push, a passcode instead, for 20 minutes on the portal's clock.
    const muted = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(muted.status).toBe(409);
    expect(muted.body.error.details).toEqual({ reason: 'push_muted', retryAfterSeconds: MUTE_SECONDS });
    portal.clock.advanceSeconds(MUTE_SECONDS - 1);
    const next = await passwordStep(portal, user.username, password);
    const stillMuted = await portal.post('/api/v1/auth/mfa/push', { flowToken: next.body.flowToken });
    expect(stillMuted.body.error.details).toEqual({ reason: 'push_muted', retryAfterSeconds: 1 });
    portal.clock.advanceSeconds(1);
    expect((await portal.post('/api/v1/auth/mfa/push', { flowToken: next.body.flowToken })).status).toBe(200);

    // The next sign-in must change the password after the second factor.
    const passed = await portal.post('/api/v1/auth/mfa/passcode', {
      flowToken: next.body.flowToken,
      code: totpAt(device.secret, portal.clock.now().getTime()),
    });
    expect(passed.body).toMatchObject({ step: 'change_password', reason: 'temporary' });
  });

  it('a plain Deny neither mutes pushes nor ends sessions', async () => {
    const { user, password, device } = await enrolledUser(portal, 'denied');
    const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
    const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;
    const epochBefore = await epochOf(user.id);
    const flowToken = (await passwordStep(portal, user.username, password)).body.flowToken as string;
    const id = (await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id as string;
    await portal.post(`/approver/api/pushes/${id}`, { answer: 'deny' }, { cookie });
    expect((await portal.post('/api/v1/auth/mfa/push', { flowToken })).status).toBe(200);
    expect(await epochOf(user.id)).toBe(epochBefore);
  });
});
