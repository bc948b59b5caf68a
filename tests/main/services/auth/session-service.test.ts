import { afterEach, describe, expect, it } from 'vitest';
import { PortalError } from '../../../../main/services/core/errors';
import { sendJson } from '../../../fakes/fake-portal';
import { createFakePorts } from '../../../fakes/fake-ports';
import { startHarness, withNextStart, type Harness } from '../../../fakes/service-harness';

/** Lets pending promises and loopback HTTP round-trips finish. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function rejection(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PortalError);
  return error as PortalError;
}

describe('SessionService', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('starts signed out on the default portal', async () => {
    h = await startHarness();
    expect(h.session.state()).toEqual({ status: 'signed-out', portalUrl: h.portal.url, lastUsername: '', reason: 'start' });
  });

  it('signs in: token in the vault, settings remembered, auth:changed emitted', async () => {
    h = await startHarness();
    const state = await h.signIn();
    expect(state).toMatchObject({ status: 'signed-in', portalUrl: h.portal.url, user: { username: 'demo', displayName: 'Demo User' } });
    if (state.status !== 'signed-in') return;
    expect(Date.parse(state.idleExpiresAt)).toBe(h.ports.clock.now() + 1800 * 1000);
    const stored = JSON.parse(h.vault.get('session')!) as { token: string };
    expect(h.portal.sessions.has(stored.token)).toBe(true);
    expect(h.settings.lastUsername()).toBe('demo');
    expect(h.settings.portalUrl()).toBe(h.portal.url);
    expect(h.authEvents().at(-1)).toEqual(state);
    expect(JSON.stringify(state)).not.toContain(stored.token);
  });

  it('reports a wrong password as an error without changing state', async () => {
    h = await startHarness();
    const error = await rejection(h.signIn('demo', 'wrong'));
    expect(error.code).toBe('invalid_credentials');
    expect(h.session.state()).toMatchObject({ status: 'signed-out', reason: 'start' });
    expect(h.authEvents()).toEqual([]);
    expect(h.vault.get('session')).toBeUndefined();
  });

  it('reports an unreachable portal as connection_failed without changing state', async () => {
    h = await startHarness();
    const url = h.portal.url;
    await h.portal.close();
    const error = await rejection(h.session.signIn({ portalUrl: url, username: 'demo', password: 'correct horse' }));
    expect(error.code).toBe('connection_failed');
    expect(h.session.state().status).toBe('signed-out');
    expect(h.authEvents()).toEqual([]);
  });

  it('reports an unsupported next step as "update required"', async () => {
    h = await startHarness();
    h.portal.override('POST /auth/sign-in', (_req, res) => sendJson(res, 200, { step: 'enroll', flowToken: 'x' }));
    const error = await rejection(h.signIn());
    expect(error.code).toBe('portal_error');
    expect(error.details).toEqual({ step: 'enroll' });
    expect(h.session.state().status).toBe('signed-out');
  });

  it('checks passively at the idle deadline and signs out as session-expired, keeping the username', async () => {
    h = await startHarness();
    await h.signIn();
    h.portal.expireSessions();
    const before = h.portal.requests.length;
    h.ports.clock.advance(1800 * 1000); // exactly at the deadline: not yet
    expect(h.portal.requests.length).toBe(before);
    h.ports.clock.advance(1000);
    await until(() => h.session.state().status === 'signed-out');
    const check = h.portal.requests.at(-1)!;
    expect(check.path).toBe('/auth/session');
    expect(check.headers['x-portico-passive']).toBe('1');
    expect(h.session.state()).toEqual({ status: 'signed-out', portalUrl: h.portal.url, lastUsername: 'demo', reason: 'session-expired' });
    expect(h.vault.get('session')).toBeUndefined();
    expect(h.authEvents().at(-1)).toEqual(h.session.state());
  });

  it('keeps the session when the idle check finds it still alive', async () => {
    h = await startHarness();
    await h.signIn();
    h.ports.clock.advance(1801 * 1000);
    await until(() => h.portal.requests.at(-1)?.path === '/auth/session' && h.authEvents().length >= 2);
    expect(h.session.state().status).toBe('signed-in');
    expect(h.ports.clock.pending()).toBe(1);
  });

  it('signs out on session_expired from any authenticated call', async () => {
    h = await startHarness();
    await h.signIn();
    h.portal.expireSessions();
    const error = await rejection(h.catalogue.list());
    expect(error.code).toBe('session_expired');
    expect(h.session.state()).toMatchObject({ status: 'signed-out', lastUsername: 'demo', reason: 'session-expired' });
    expect(h.ports.clock.pending()).toBe(0);
  });

  it('signs out: revokes on the portal and forgets the token', async () => {
    h = await startHarness();
    await h.signIn();
    const { token } = JSON.parse(h.vault.get('session')!) as { token: string };
    const state = await h.session.signOut();
    expect(state).toEqual({ status: 'signed-out', portalUrl: h.portal.url, lastUsername: 'demo', reason: 'signed-out' });
    expect(h.portal.sessions.has(token)).toBe(false);
    expect(h.vault.get('session')).toBeUndefined();
    expect(h.ports.clock.pending()).toBe(0);
    expect((await rejection(h.catalogue.list())).code).toBe('not_signed_in');
  });

  it('signs out locally even when the portal is unreachable', async () => {
    h = await startHarness();
    await h.signIn();
    await h.portal.close();
    expect(await h.session.signOut()).toMatchObject({ status: 'signed-out', reason: 'signed-out' });
    expect(h.vault.get('session')).toBeUndefined();
  });

  it('restores a persisted session on the next start, passively', async () => {
    h = await startHarness();
    await h.signIn();
    await withNextStart(h, async (second) => {
      expect(second.session.state().status).toBe('signed-out');
      const state = await second.session.restore();
      expect(state).toMatchObject({ status: 'signed-in', user: { username: 'demo' } });
      expect(h.portal.requests.at(-1)!.headers['x-portico-passive']).toBe('1');
    });
  });

  it('restoring an expired session ends signed out as session-expired', async () => {
    h = await startHarness();
    await h.signIn();
    h.portal.expireSessions();
    await withNextStart(h, async (second) => {
      expect(await second.session.restore()).toMatchObject({ status: 'signed-out', reason: 'session-expired', lastUsername: 'demo' });
      expect(second.vault.get('session')).toBeUndefined();
    });
  });

  it('never restores when secrets were session-only', async () => {
    const ports = createFakePorts({ persist: false });
    h = await startHarness({ ports });
    await h.signIn();
    const second = await startHarness({ portal: h.portal, ports });
    try {
      expect(await second.session.restore()).toMatchObject({ status: 'signed-out', reason: 'start' });
    } finally {
      second.session.dispose();
      second.catalogue.dispose();
      ports.cleanup();
    }
  });
});
