/**
 * ResetService's *Send Me a Push* over the real PortalApi and
 * SessionService, against the reference portal on 127.0.0.1 with a phone
 * (approver page) bound to the account.
 */
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../../../main/services/core/events';
import { PortalApi } from '../../../../main/services/portal/client';
import { ResetService } from '../../../../main/services/auth/reset-service';
import { SessionService } from '../../../../main/services/auth/session-service';
import { SettingsService } from '../../../../main/services/storage/settings-service';
import { Vault } from '../../../../main/services/storage/vault';
import { PasswordHasher } from '../../../../server/auth/passwords';
import { saveSecurityAnswers } from '../../../../server/auth/security-questions-store';
import { createUser } from '../../../../server/auth/users';
import { confirmEnrollment, startEnrollment } from '../../../../server/mfa/devices';
import { ManualClock, type RunningServer } from '../../../../server/index';
import { createFakePorts } from '../../../fakes/fake-ports';
import { MIN_ARGON2, startCapturedServer } from '../../../server/helpers';

const ANSWERS = {
  chosen: [
    { questionId: 'first-pet', answer: 'Biscuit' },
    { questionId: 'birth-city', answer: 'Porto' },
  ],
  custom: { question: 'What was the name of my first boat?', answer: 'Sea Breeze' },
};
const RIGHT = ['Biscuit', 'Porto', 'Sea Breeze'];

describe('reset with a push (main-process service)', () => {
  let server: RunningServer;
  let stopServer: () => Promise<void> = async () => undefined;
  let cookie = '';
  const serverClock = new ManualClock(new Date('2026-06-01T09:00:00.000Z'));

  beforeAll(async () => {
    // Short long polls keep a pending wait quick.
    const portal = await startCapturedServer({ tempPrefix: 'portico-reset-push-', clock: serverClock, config: { argon2: MIN_ARGON2, mfa: { longPollSeconds: 1 } } });
    server = portal.server;
    stopServer = portal.cleanup;
    const ctx = portal.ctx;
    const db = ctx.db;
    const now = serverClock.now();
    const user = await createUser(db, {
      username: 'phoneforgot',
      displayName: 'Phone Forgot',
      passwordHash: await new PasswordHasher(MIN_ARGON2).hash('Phone-Forgot-Start-1'),
      mustChangePassword: false,
      now,
    });
    const started = await startEnrollment(db, ctx.seeds, { userId: user.id, kind: 'mobile', phoneNumber: '+1 602 555 0199', phoneType: 'android', flowId: null, now, ttlSeconds: 900 });
    await confirmEnrollment(db, ctx.seeds, { userId: user.id, id: started.id, code: generateSync({ secret: started.secret, epoch: Math.floor(now.getTime() / 1000) }), now });
    await saveSecurityAnswers(db, user.id, ANSWERS, MIN_ARGON2, now);
    const bound = await fetch(new URL('/approver/api/bind', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bindToken: started.bindToken }),
    });
    cookie = (bound.headers.get('set-cookie') ?? '').split(';')[0]!;
  });
  afterAll(async () => {
    await stopServer();
  });

  function client() {
    const ports = createFakePorts();
    const hub = createEventHub();
    const portal = new PortalApi({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 10_000 });
    const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    const session = new SessionService({ portal, vault, settings: new SettingsService(ports.settings), events: hub, clock: ports.clock, defaultPortalUrl: server.url });
    return { session, reset: new ResetService({ portal, session }) };
  }

  const phone = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(new URL(path, server.url), {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await response.json()) as { pushes?: Array<{ id: string }>; state?: string };
  };

  it('offers the push first, waits for the phone, and moves on to the questions when approved', async () => {
    const c = client();
    expect(await c.reset.start({ portalUrl: server.url, username: 'phoneforgot' })).toMatchObject({ stage: 'second-factor', methods: ['push', 'passcode'] });
    await expect(c.reset.waitPush()).rejects.toMatchObject({ code: 'invalid_request' });

    const sent = await c.reset.startPush();
    expect(Date.parse(sent.expiresAt)).toBeGreaterThan(serverClock.now().getTime());
    expect(await c.reset.waitPush()).toMatchObject({ state: 'pending' });
    const [push] = (await phone('GET', '/approver/api/pushes')).pushes!;
    // Verified push: the code main hands the reset screen is the one the phone needs.
    expect(sent.code).toMatch(/^\d{3}$/);
    expect((await phone('POST', `/approver/api/pushes/${push!.id}`, { answer: 'approve', code: sent.code })).state).toBe('approved');
    const approved = await c.reset.waitPush();
    expect(approved).toMatchObject({ state: 'approved', reset: { stage: 'questions', username: 'phoneforgot' } });
    expect(c.reset.state()).toMatchObject({ stage: 'questions', questions: [expect.any(String), expect.any(String), expect.any(String)] });
    expect(await c.reset.answer(RIGHT)).toMatchObject({ stage: 'new-password' });
    expect(await c.reset.setPassword('Maple-Signal-Push-55')).toMatchObject({ status: 'signed-in', user: { username: 'phoneforgot' } });
  });

  it('cancels the push on the portal, and a denial is reported as such', async () => {
    const c = client();
    await c.reset.start({ portalUrl: server.url, username: 'phoneforgot' });
    await c.reset.startPush();
    expect((await phone('GET', '/approver/api/pushes')).pushes).toHaveLength(1);
    await c.reset.cancelPush();
    expect((await phone('GET', '/approver/api/pushes')).pushes).toHaveLength(0);
    await expect(c.reset.waitPush()).rejects.toMatchObject({ code: 'invalid_request' });

    await c.reset.startPush();
    const [push] = (await phone('GET', '/approver/api/pushes')).pushes!;
    await phone('POST', `/approver/api/pushes/${push!.id}`, { answer: 'deny' });
    expect(await c.reset.waitPush()).toMatchObject({ state: 'denied' });
    expect(c.reset.state().stage).toBe('second-factor');
    c.reset.cancel();
    expect(c.reset.state()).toEqual({ stage: 'idle' });
  });
}, 120_000);
