/**
 * The password feature's main-process services (PasswordService, ResetService) over the
 * real SessionService and PortalApi, against the real reference portal
 * on 127.0.0.1 with seeded accounts and a manual server clock.
 */
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthState, EventChannel } from '../../../../common/contract';
import { createEventHub } from '../../../../main/services/core/events';
import { MfaService } from '../../../../main/services/auth/mfa/mfa-service';
import { PasswordService } from '../../../../main/services/auth/password-service';
import { PortalApi } from '../../../../main/services/portal/client';
import { ResetService } from '../../../../main/services/auth/reset-service';
import { SessionService } from '../../../../main/services/auth/session-service';
import { clientSignInFlow } from '../../../../main/services/core/sign-in-flow';
import { SettingsService } from '../../../../main/services/storage/settings-service';
import { Vault } from '../../../../main/services/storage/vault';
import { ManualClock, type RunningServer } from '../../../../server/index';
import { seedAccounts } from '../../../e2e/seed-accounts';
import { createFakePorts, type FakePorts } from '../../../fakes/fake-ports';
import { MIN_ARGON2, startCapturedServer } from '../../../server/helpers';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const DAY = 86_400_000;

describe('password and reset services against the reference portal', () => {
  let server: RunningServer;
  let stopServer: () => Promise<void> = async () => undefined;
  const serverClock = new ManualClock(new Date('2026-06-01T09:00:00.000Z'));

  beforeAll(async () => {
    const started = await startCapturedServer({ tempPrefix: 'portico-pwsvc-', clock: serverClock, config: { argon2: MIN_ARGON2 } });
    server = started.server;
    stopServer = started.cleanup;
    const ctx = started.ctx;
    await seedAccounts(ctx, MIN_ARGON2, serverClock.now(), [
      { username: 'near', password: 'Near-Expiry-Pw-1', passwordAgeDays: 83 },
      { username: 'changer', password: 'Changer-Start-1' },
      { username: 'expired', password: 'Expired-Start-1', passwordAgeDays: 95 },
      {
        username: 'forgot',
        password: 'Forgot-Start-1',
        totpSecret: SECRET,
        securityAnswers: {
          chosen: [
            { questionId: 'first-pet', answer: 'Biscuit' },
            { questionId: 'birth-city', answer: 'Porto' },
          ],
          custom: { question: 'What was the name of my first boat?', answer: 'Sea Breeze' },
        },
      },
    ]);
  });
  afterAll(async () => {
    await stopServer();
  });

  function client(ports: FakePorts = createFakePorts()) {
    const hub = createEventHub();
    const events: Array<{ event: EventChannel; payload: unknown }> = [];
    hub.onAny((event, payload) => void events.push({ event, payload }));
    const portal = new PortalApi({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 10_000 });
    const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    const settings = new SettingsService(ports.settings);
    const session = new SessionService({
      portal,
      vault,
      settings,
      events: hub,
      clock: ports.clock,
      defaultPortalUrl: server.url,
      // Wired as compose() does: the flow, declared after the services, is read when a sign-in needs it.
      signInFlow: () => flow,
    });
    const flow = clientSignInFlow({ mfa: new MfaService({ portal, session, vault, settings: ports.settings, clock: ports.clock, webSessions: ports.webSessions }) });
    const passwords = new PasswordService({
      portal,
      session,
      events: hub,
      notifier: ports.notifier,
      settings: ports.settings,
      clock: ports.clock,
    });
    const reset = new ResetService({ portal, session });
    return { ports, session, passwords, reset, events, portal };
  }

  const signIn = (c: ReturnType<typeof client>, username: string, password: string): Promise<AuthState> =>
    c.session.signIn({ portalUrl: server.url, username, password });

  it('reports the days left and notifies once a day in the last 7 days', async () => {
    const c = client();
    await signIn(c, 'near', 'Near-Expiry-Pw-1');
    const status = await c.passwords.refreshStatus();
    expect(status).toMatchObject({ state: 'notify', daysLeft: 7 });
    expect(c.events.some((e) => e.event === 'password:status')).toBe(true);
    await c.passwords.refreshStatus();
    expect(c.ports.notifier.notes).toHaveLength(1);
    expect(c.ports.notifier.notes[0]!.body).toContain('7 days');

    // Next day: one more notification (the client's own day decides).
    serverClock.advance(DAY);
    c.ports.clock.advance(DAY);
    await signIn(c, 'near', 'Near-Expiry-Pw-1');
    expect(await c.passwords.refreshStatus()).toMatchObject({ state: 'notify', daysLeft: 6 });
    await c.passwords.refreshStatus();
    // Exactly one more notification on the new day, however often the status is read.
    expect(c.ports.notifier.notes).toHaveLength(2);
    c.passwords.dispose();
  });

  it('Change password… logs the user off everywhere', async () => {
    const c = client();
    const other = client();
    await signIn(c, 'changer', 'Changer-Start-1');
    await signIn(other, 'changer', 'Changer-Start-1');
    const after = await c.passwords.change({
      currentPassword: 'Changer-Start-1',
      newPassword: 'Walnut-Bridge-22',
    });
    expect(after).toMatchObject({ status: 'signed-out', reason: 'password-changed' });
    // The other install's session is gone too.
    await expect(
      other.session.authorized((t) => other.portal.getSession(t, { passive: true })),
    ).rejects.toMatchObject({ code: 'session_expired' });
    expect(await signIn(c, 'changer', 'Walnut-Bridge-22')).toMatchObject({ status: 'signed-in' });
  });

  it('a wrong old password is refused with attempts counted, the session stays', async () => {
    const c = client();
    await signIn(c, 'changer', 'Walnut-Bridge-22');
    await expect(
      c.passwords.change({ currentPassword: 'nope-nope', newPassword: 'Walnut-Bridge-33' }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
      details: { field: 'currentPassword' },
    });
    expect(c.session.state().status).toBe('signed-in');
  });

  it('an expired password becomes the change-password step, then logged off', async () => {
    const c = client();
    const state = await signIn(c, 'expired', 'Expired-Start-1');
    expect(state).toMatchObject({ status: 'change-password', reason: 'expired', username: 'expired' });
    const refused = await c.passwords.setNewPassword('Expired-Start-1').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'invalid_request' });
    expect(String((refused as { details: { rules: string } }).details.rules).split(',')).toContain(
      'not-recent',
    );
    expect(await c.passwords.setNewPassword('Pebble-Crown-44')).toMatchObject({
      status: 'signed-out',
      reason: 'password-changed',
    });
    expect(await signIn(c, 'expired', 'Pebble-Crown-44')).toMatchObject({ status: 'signed-in' });
  });

  it('resets a forgotten password through a passcode first, then the questions, ending signed in', async () => {
    const c = client();
    const factor = await c.reset.start({ portalUrl: server.url, username: 'forgot' });
    // The same choices as for any name: nothing yet says the account exists.
    expect(factor).toEqual({ stage: 'second-factor', username: 'forgot', methods: ['push', 'passcode'] });
    await expect(c.reset.answer(['Biscuit', 'Porto', 'Sea Breeze'])).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(c.reset.passcode('000000')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(c.reset.state().stage).toBe('second-factor');
    const code = generateSync({ secret: SECRET, epoch: Math.floor(serverClock.now().getTime() / 1000) });
    expect(await c.reset.passcode(code)).toMatchObject({ stage: 'questions', username: 'forgot' });
    await expect(c.reset.answer(['biscuit', 'Porto', 'Sea Breeze'])).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(c.reset.state().stage).toBe('questions');
    expect(await c.reset.answer(['Biscuit', 'Porto', 'Sea Breeze'])).toMatchObject({ stage: 'new-password' });
    const state = await c.reset.setPassword('Maple-Signal-55');
    expect(state).toMatchObject({ status: 'signed-in', user: { username: 'forgot' } });
    expect(c.reset.state()).toEqual({ stage: 'idle' });
  });
});
