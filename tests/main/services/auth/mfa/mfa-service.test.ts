/**
 * The client's second-factor service against the real reference portal
 * (PGlite, ManualClock): steps become AuthStates, secrets stay in main, the
 * remember-me token lands in the vault and skips the prompt, the clock check
 * explains a failing code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../../../../main/services/core/events';
import { MfaService } from '../../../../../main/services/auth/mfa/mfa-service';
import { PortalApi } from '../../../../../main/services/portal/client';
import { SessionService } from '../../../../../main/services/auth/session-service';
import { clientSignInFlow } from '../../../../../main/services/core/sign-in-flow';
import { SettingsService } from '../../../../../main/services/storage/settings-service';
import { Vault } from '../../../../../main/services/storage/vault';
import { FakeClock } from '../../../../fakes/fake-clock';
import { createFakePorts } from '../../../../fakes/fake-ports';
import { answerQuestions, createTestUser, enrollDevice, startMfaPortal, totpAt, type MfaPortal } from '../../../../server/mfa/mfa-helpers';

function client(portal: MfaPortal, clockSkewMs = 0) {
  const ports = createFakePorts({ persist: true });
  ports.clock = new FakeClock(portal.clock.now().getTime() - clockSkewMs);
  const events = createEventHub();
  const portalClient = new PortalApi({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 15_000 });
  const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
  const settings = new SettingsService(ports.settings);
  // Wired as compose() does: the flow, declared after the services, is read when a sign-in needs it.
  const session = new SessionService({ portal: portalClient, vault, settings, events, clock: ports.clock, defaultPortalUrl: portal.server.url, signInFlow: () => flow });
  const mfa = new MfaService({ portal: portalClient, session, vault, settings: ports.settings, clock: ports.clock, webSessions: ports.webSessions });
  const flow = clientSignInFlow({ mfa });
  return { session, mfa, vault };
}

describe('MfaService against the reference portal', () => {
  let portal: MfaPortal;
  beforeAll(async () => {
    portal = await startMfaPortal({ name: 'pglite' });
  });
  afterAll(async () => {
    await portal?.cleanup();
  });

  it('enrolls during activation: QR codes rendered in main, then after the questions the recovery methods', async () => {
    const { user, password } = await createTestUser(portal, 'svc-new', { temporary: true });
    const { session, mfa } = client(portal);
    const first = await session.signIn({ portalUrl: portal.server.url, username: user.username, password });
    expect(first).toMatchObject({ status: 'enroll', activation: expect.arrayContaining(['enroll', 'backup_codes']) });
    expect(JSON.stringify(first)).not.toMatch(/flowToken/);
    const info = await mfa.startEnrollment({ kind: 'authenticator' });
    expect(info.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(info.bindQrDataUrl).toMatch(/^data:image\/png;base64,/);
    const next = await mfa.confirmEnrollment(totpAt(info.secret, portal.clock.now().getTime()));
    // An app takes no pushes: its code passed the factor, the guide's security questions come next.
    expect(next).toMatchObject({ device: { kind: 'authenticator', canPush: false }, auth: { status: 'security-questions' } });
    const questions = await answerQuestions(portal, session.pendingSignIn()!.flowToken);
    const recovery = session.applyStepAnswer(questions.body);
    expect(recovery).toMatchObject({ status: 'backup-codes', devices: [expect.objectContaining({ kind: 'authenticator' })], recoveryPhone: null });
    const codes = await mfa.backupCodes();
    expect(codes.codes).toHaveLength(10);
    expect(codes.fileText).toContain(codes.codes[9]);
    await expect(mfa.backupCodesSaved()).rejects.toMatchObject({ code: 'conflict' });
    expect(await mfa.addRecoveryPhone('+1 602 555 0199')).toEqual({ recoveryPhone: '+1 602 555 0199' });
    expect(await mfa.backupCodesSaved()).toMatchObject({ status: 'change-password', reason: 'temporary' });
  });

  it('signs in with a passcode, remembers this install, then skips the prompt', async () => {
    const { user, password } = await createTestUser(portal, 'svc-user');
    const device = await enrollDevice(portal, user);
    portal.clock.advanceSeconds(30);
    const { session, mfa, vault } = client(portal);
    const request = { portalUrl: portal.server.url, username: user.username, password };
    const step = await session.signIn(request);
    expect(step).toMatchObject({ status: 'second-factor', methods: ['passcode'], preference: 'ask', rememberHours: 8 });
    const done = await mfa.passcode(totpAt(device.secret, portal.clock.now().getTime()), true);
    expect(done.status).toBe('signed-in');
    const account = await mfa.account();
    expect(account.rememberedUntil).not.toBeNull();
    expect(account.recoveryReady).toBe(false);
    await session.signOut();
    expect((await session.signIn(request)).status).toBe('signed-in');
    // *Forget this device*: the next sign-in asks again.
    await mfa.forgetThisDevice();
    expect(vault.get(`remember:${portal.server.url}|${user.username}`)).toBeUndefined();
    await session.signOut();
    expect((await session.signIn(request)).status).toBe('second-factor');
  });

  it('explains a failing code when the computer clock is off', async () => {
    const { user, password } = await createTestUser(portal, 'svc-skew');
    await enrollDevice(portal, user);
    const { session, mfa } = client(portal, 5 * 60_000);
    await session.signIn({ portalUrl: portal.server.url, username: user.username, password });
    type Failure = { code: string; message: string; details?: Record<string, unknown> };
    const failure = (await mfa.passcode('000000', false).then(
      () => null,
      (error: unknown) => error,
    )) as Failure;
    expect(failure).toMatchObject({ code: 'invalid_code' });
    expect(failure.details?.clockSkewSeconds).toBe(300);
    expect((failure as { message: string }).message).toMatch(/5 minutes behind/);
  });
});
