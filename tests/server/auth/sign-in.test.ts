import { describe, expect, it } from 'vitest';
import { backends, bearer, useTestPortal } from '../helpers';

describe.each(backends)('sign-in and sign-out ($name)', (backend) => {
  const portal = useTestPortal(backend);

  it('creates a demo account whose password meets the policy', () => {
    const demo = portal.server.demoAccount;
    expect(demo?.username).toBe('demo');
    const password = demo?.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[0-9]/);
    expect(password).toMatch(/[^A-Za-z0-9]/);
  });

  it('signs in with the right password and returns a complete step', async () => {
    const response = await portal.post('/api/v1/auth/sign-in', portal.server.demoAccount);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.step).toBe('complete');
    expect(body.user).toEqual({ username: 'demo', displayName: 'Demo User', roles: ['user'] });
    expect(body.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.session.idleTimeoutSeconds).toBe(portal.server.config.sessions.idleTimeoutSeconds);
    const absolute = Date.parse(body.session.absoluteExpiresAt);
    const expected =
      portal.clock.now().getTime() + portal.server.config.sessions.absoluteTimeoutSeconds * 1000;
    expect(absolute).toBe(expected);
    expect(response.headers.get('date')).toBeTruthy();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('matches usernames ignoring case', async () => {
    const demo = portal.server.demoAccount!;
    const response = await portal.post('/api/v1/auth/sign-in', { username: 'DEMO', password: demo.password });
    expect(response.status).toBe(200);
  });

  it('issues a new token on every sign-in', async () => {
    const first = await portal.signInDemo();
    const second = await portal.signInDemo();
    expect(first).not.toBe(second);
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const demo = portal.server.demoAccount!;
    const wrong = await portal.post('/api/v1/auth/sign-in', {
      username: demo.username,
      password: `${demo.password}x`,
    });
    const unknown = await portal.post('/api/v1/auth/sign-in', {
      username: 'nobody-here',
      password: demo.password,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    const wrongBody = await wrong.text();
    expect(await unknown.text()).toBe(wrongBody);
    expect(JSON.parse(wrongBody).error.code).toBe('invalid_credentials');
  });

  it('accepts passwords up to 1024 characters and refuses longer ones', async () => {
    const demo = portal.server.demoAccount!;
    const long = demo.password + 'a'.repeat(1024 - demo.password.length);
    const response = await portal.post('/api/v1/auth/sign-in', { username: demo.username, password: long });
    expect(response.status).toBe(401);
    const tooLong = await portal.post('/api/v1/auth/sign-in', {
      username: demo.username,
      password: `${long}a`,
    });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error).toMatchObject({
      code: 'invalid_request',
      details: { field: 'password' },
    });
  });

  it('revokes the session at sign-out', async () => {
    const token = await portal.signInDemo();
    const before = await portal.request('/api/v1/auth/session', { headers: bearer(token) });
    expect(before.status).toBe(200);
    const out = await portal.request('/api/v1/auth/sign-out', { method: 'POST', headers: bearer(token) });
    expect(out.status).toBe(204);
    const after = await portal.request('/api/v1/auth/session', { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe('session_expired');
    const apps = await portal.request('/api/v1/apps', { headers: bearer(token) });
    expect(apps.status).toBe(401);
  });

  it('rejects requests without a token or with a forged one', async () => {
    const none = await portal.request('/api/v1/auth/session');
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('session_expired');
    const forged = await portal.request('/api/v1/auth/session', { headers: bearer('A'.repeat(43)) });
    expect(forged.status).toBe(401);
    const outWithout = await portal.request('/api/v1/auth/sign-out', { method: 'POST' });
    expect(outWithout.status).toBe(401);
  });
});
