import { describe, expect, it } from 'vitest';
import { backends } from '../helpers';
import { enrolledUser, passwordStep, useMfaPortal } from './mfa-helpers';

describe.each(backends)('push approvals and the approver page ($name)', (backend) => {
  const portal = useMfaPortal(backend, { mfa: { longPollSeconds: 1 } });

  /** A user with a device whose approver page is bound; returns the phone's cookie. */
  const phoneUser = async () => {
    const { user, password, device } = await enrolledUser(portal, 'push-user');
    const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
    expect(bound.status).toBe(200);
    const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;
    expect(bound.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    // The binding link is single use.
    const twice = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
    expect(twice.status).toBe(404);
    return { user, password, cookie };
  };
  const pushFlow = async (username: string, password: string) => {
    const step = await passwordStep(portal, username, password);
    expect(step.body).toMatchObject({ step: 'mfa', methods: ['push', 'passcode'] });
    return step.body.flowToken as string;
  };

  it('serves the approver page with a strict CSP and no inline script', async () => {
    const page = await portal.get('/approver');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(String(page.body)).not.toMatch(/<script>(?!<)/);
  });

  it("refuses the approver's state-changing requests from another origin, before anything changes", async () => {
    const { user, password, cookie } = await phoneUser();
    const flowToken = await pushFlow(user.username, password);
    const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    const id = issued.body.push.id as string;
    const crossSite: Array<Record<string, string>> = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of crossSite) {
      const forged = await portal.post(`/approver/api/pushes/${id}`, { answer: 'approve' }, { cookie, ...headers });
      expect(forged.status).toBe(403);
      expect(forged.body.error.code).toBe('forbidden');
      const bind = await portal.post('/approver/api/bind', { bindToken: 'x'.repeat(43) }, headers);
      expect(bind.status).toBe(403);
    }
    const still = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: id });
    expect(still.body.state).toBe('pending');
    const own = new URL(portal.server.url).origin;
    const approve = await portal.post(`/approver/api/pushes/${id}`, { answer: 'approve', code: issued.body.push.code }, { cookie, origin: own, 'sec-fetch-site': 'same-origin' });
    expect(approve.status).toBe(200);
  });

  it('shows a pending push on the phone with app, address and time; approval completes the sign-in', async () => {
    const { user, password, cookie } = await phoneUser();
    const flowToken = await pushFlow(user.username, password);
    const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(issued.status).toBe(200);
    const pending = await portal.get('/approver/api/pushes', { cookie });
    expect(pending.body.pushes).toHaveLength(1);
    expect(pending.body.pushes[0]).toMatchObject({ id: issued.body.push.id, app: expect.any(String), address: expect.any(String), issuedAt: expect.any(String) });
    const waiting = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: issued.body.push.id });
    expect(waiting.body.state).toBe('pending');
    const approve = await portal.post(`/approver/api/pushes/${issued.body.push.id}`, { answer: 'approve', code: issued.body.push.code }, { cookie });
    expect(approve.status).toBe(200);
    const twice = await portal.post(`/approver/api/pushes/${issued.body.push.id}`, { answer: 'deny' }, { cookie });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.reason).toBe('already_answered');
    const done = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: issued.body.push.id });
    expect(done.body).toMatchObject({ state: 'approved', next: { step: 'complete' } });
  });

  it('reports denial and "this wasn\'t me", refuses late answers and other users\' phones', async () => {
    const a = await phoneUser();
    const b = await phoneUser();
    const flowToken = await pushFlow(a.user.username, a.password);
    const first = (await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id as string;
    const byOther = await portal.post(`/approver/api/pushes/${first}`, { answer: 'approve' }, { cookie: b.cookie });
    expect(byOther.status).toBe(403);
    await portal.post(`/approver/api/pushes/${first}`, { answer: 'deny' }, { cookie: a.cookie });
    expect((await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: first })).body.state).toBe('denied');

    const third = (await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id as string;
    portal.clock.advanceSeconds(portal.server.config.mfa.push.expirySeconds);
    expect((await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: third })).body.state).toBe('expired');
    const late = await portal.post(`/approver/api/pushes/${third}`, { answer: 'approve' }, { cookie: a.cookie });
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('expired');

    // Last: "This wasn't me" mutes this user's pushes (see push-report.test.ts).
    const second = (await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id as string;
    await portal.post(`/approver/api/pushes/${second}`, { answer: 'report' }, { cookie: a.cookie });
    expect((await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: second })).body.state).toBe('reported');
    const activity = await portal.ctx.db.query<{ type: string }>('SELECT type FROM audit_events WHERE user_id = $1', [a.user.id]);
    expect(activity.rows.map((r) => r.type)).toEqual(expect.arrayContaining(['mfa.push_denied', 'mfa.push_reported', 'mfa.approver_bound']));
  });

  it('limits pushes: 3 pending at once, 5 per 10 minutes', async () => {
    const { user, password } = await phoneUser();
    const flowToken = await pushFlow(user.username, password);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id);
    const fourth = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.details).toMatchObject({ reason: 'too_many_pending', retryAfterSeconds: expect.any(Number) });
    for (const pushId of ids) expect((await portal.post('/api/v1/auth/mfa/push/cancel', { flowToken, pushId })).body.state).toBe('cancelled');
    ids.push((await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id);
    ids.push((await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push.id);
    const sixth = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.details.reason).toBe('rate_limited');
    portal.clock.advanceSeconds(portal.server.config.mfa.push.windowSeconds);
    expect((await portal.post('/api/v1/auth/mfa/push', { flowToken })).status).toBe(200);
  });

  it('counts denied pushes toward lockout', async () => {
    const { user, password, cookie } = await phoneUser();
    const flowToken = await pushFlow(user.username, password);
    for (let i = 0; i < 5; i += 1) {
      const id = (await portal.post('/api/v1/auth/mfa/push', { flowToken })).body.push?.id as string | undefined;
      if (!id) break;
      await portal.post(`/approver/api/pushes/${id}`, { answer: 'deny' }, { cookie });
      portal.clock.advanceSeconds(130);
    }
    const locked = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(locked.status).toBe(423);
  });
});
