import { describe, expect, it } from 'vitest';
import { backends } from '../helpers';
import { enrolledUser, passwordStep, totpAt, useMfaPortal } from './mfa-helpers';

/** The devices page routes: step-up, rename, remove, add another, backup codes. */
describe.each(backends)('devices page routes ($name)', (backend) => {
  const portal = useMfaPortal(backend);

  /** A user with one authenticator, signed in with it; the clock is moved past the used code. */
  const signedIn = async () => {
    const { user, password, device } = await enrolledUser(portal, 'devices-user');
    portal.clock.advanceSeconds(30);
    const step = await passwordStep(portal, user.username, password);
    expect(step.body.step).toBe('mfa');
    const done = await portal.post('/api/v1/auth/mfa/passcode', {
      flowToken: step.body.flowToken,
      code: totpAt(device.secret, portal.clock.now().getTime()),
    });
    expect(done.body.step).toBe('complete');
    portal.clock.advanceSeconds(30);
    const token = done.body.session.token as string;
    const auth = { authorization: `Bearer ${token}` };
    /** The current code of the first authenticator. */
    const code = () => totpAt(device.secret, portal.clock.now().getTime());
    const stepUp = async () => {
      const answer = await portal.post('/api/v1/account/mfa/step-up', { password, code: code() }, auth);
      expect(answer.status).toBe(200);
      portal.clock.advanceSeconds(30);
      return answer.body.stepUpToken as string;
    };
    /** Another complete sign-in of the same user (a second session). */
    const signInAgain = async () => {
      const again = await passwordStep(portal, user.username, password);
      const finished = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: again.body.flowToken, code: code() });
      expect(finished.body.step).toBe('complete');
      portal.clock.advanceSeconds(30);
      return { authorization: `Bearer ${finished.body.session.token as string}` };
    };
    return { user, password, device, token, auth, code, stepUp, signInAgain };
  };

  /** Adds an authenticator through the devices page; returns its id and secret. */
  const addAuthenticator = async (auth: Record<string, string>, stepUpToken: string) => {
    const start = await portal.post('/api/v1/account/mfa/enroll/start', { stepUpToken, device: { kind: 'authenticator' } }, auth);
    expect(start.status).toBe(200);
    const enrollment = start.body.enrollment as { id: string; secret: string };
    const confirm = await portal.post(
      '/api/v1/account/mfa/enroll/confirm',
      { stepUpToken, enrollmentId: enrollment.id, code: totpAt(enrollment.secret, portal.clock.now().getTime()) },
      auth,
    );
    expect(confirm.status).toBe(200);
    return { id: confirm.body.device.id as string, secret: enrollment.secret, devices: confirm.body.devices as Array<{ id: string; name: string }> };
  };

  it('needs a session for every devices route', async () => {
    expect((await portal.get('/api/v1/account/mfa')).status).toBe(401);
    const step = await portal.post('/api/v1/account/mfa/step-up', { password: 'x', code: '123456' });
    expect(step.status).toBe(401);
  });

  it('step-up: wrong password or code refused, a good pair gives a token that expires', async () => {
    const { auth, password, code, stepUp } = await signedIn();
    const wrongPassword = await portal.post('/api/v1/account/mfa/step-up', { password: `${password}x`, code: code() }, auth);
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error.code).toBe('invalid_credentials');
    const wrongCode = await portal.post('/api/v1/account/mfa/step-up', { password, code: '000000' }, auth);
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.error.code).toBe('invalid_code');
    const malformed = await portal.post('/api/v1/account/mfa/step-up', { password, code: 'x'.repeat(200) }, auth);
    expect(malformed.status).toBe(400);
    const missing = await portal.post('/api/v1/account/mfa/step-up', { password }, auth);
    expect(missing.status).toBe(400);

    const token = await stepUp();
    // Expired: past stepUpSeconds the token no longer authorises anything.
    portal.clock.advanceSeconds(portal.server.config.mfa.stepUpSeconds + 1);
    const late = await portal.post('/api/v1/account/mfa/backup-codes', { stepUpToken: token }, auth);
    expect(late.status).toBe(403);
    expect(late.body.error.details.reason).toBe('step_up_required');
  });

  it('refuses changes without a step-up, with a garbage one, or with another session’s', async () => {
    const mine = await signedIn();
    const other = await signedIn();
    const theirs = await other.stepUp();
    const devices = (await portal.get('/api/v1/account/mfa', mine.auth)).body.devices as Array<{ id: string }>;
    const attempts = [
      ['/api/v1/account/mfa/backup-codes', {}],
      ['/api/v1/account/mfa/backup-codes', { stepUpToken: 'not-a-token' }],
      ['/api/v1/account/mfa/backup-codes', { stepUpToken: theirs }],
      [`/api/v1/account/mfa/devices/${devices[0]!.id}/remove`, { stepUpToken: theirs }],
      ['/api/v1/account/mfa/enroll/start', { stepUpToken: theirs, device: { kind: 'authenticator' } }],
    ] as const;
    for (const [path, body] of attempts) {
      const answer = await portal.post(path, body, mine.auth);
      expect([400, 403], path).toContain(answer.status);
      if (answer.status === 403) expect(answer.body.error.details.reason).toBe('step_up_required');
    }
    expect((await portal.get('/api/v1/account/mfa', mine.auth)).body.devices).toHaveLength(1);
  });

  it('renames a device; names are trimmed, 1–60 characters, without control characters', async () => {
    const { auth } = await signedIn();
    const [device] = (await portal.get('/api/v1/account/mfa', auth)).body.devices as Array<{ id: string; name: string }>;
    const renamed = await portal.post(`/api/v1/account/mfa/devices/${device!.id}/rename`, { name: '  Work phone  ' }, auth);
    expect(renamed.status).toBe(200);
    expect(renamed.body.devices[0].name).toBe('Work phone');
    for (const name of ['', '   ', 'x'.repeat(61), 'bad\u0007name', 'line\nbreak', 'zero\u200bwidth', 'line\u2028sep', 'lone\uD800', 'c1\u0085', 42]) {
      const bad = await portal.post(`/api/v1/account/mfa/devices/${device!.id}/rename`, { name }, auth);
      expect(bad.status, JSON.stringify(name)).toBe(400);
    }
    expect((await portal.post(`/api/v1/account/mfa/devices/${device!.id}/rename`, { name: 'x'.repeat(60) }, auth)).status).toBe(200);
    expect((await portal.get('/api/v1/account/mfa', auth)).body.devices[0].name).toBe('x'.repeat(60));
  });

  it("answers not found for another user's device id and for malformed ids", async () => {
    const mine = await signedIn();
    const other = await signedIn();
    const theirs = ((await portal.get('/api/v1/account/mfa', other.auth)).body.devices as Array<{ id: string }>)[0]!.id;
    const rename = await portal.post(`/api/v1/account/mfa/devices/${theirs}/rename`, { name: 'Mine now' }, mine.auth);
    expect(rename.status).toBe(404);
    const stepUpToken = await mine.stepUp();
    const remove = await portal.post(`/api/v1/account/mfa/devices/${theirs}/remove`, { stepUpToken }, mine.auth);
    expect(remove.status).toBe(404);
    expect((await portal.post('/api/v1/account/mfa/devices/not-an-id/rename', { name: 'x' }, mine.auth)).status).toBe(404);
    const untouched = (await portal.get('/api/v1/account/mfa', other.auth)).body.devices as Array<{ name: string }>;
    expect(untouched).toHaveLength(1);
    expect(untouched[0]!.name).not.toBe('Mine now');
  });

  it('never removes the last method; with a second one added, removes it and ends other sessions', async () => {
    const { auth, stepUp, signInAgain } = await signedIn();
    const [only] = (await portal.get('/api/v1/account/mfa', auth)).body.devices as Array<{ id: string }>;
    const stepUpToken = await stepUp();
    const last = await portal.post(`/api/v1/account/mfa/devices/${only!.id}/remove`, { stepUpToken }, auth);
    expect(last.status).toBe(409);
    expect(last.body.error.details.reason).toBe('last_method');

    // Another session of the same user, to see it end after the change.
    const second = await signInAgain();
    expect((await portal.get('/api/v1/account/mfa', second)).status).toBe(200);
    const added = await addAuthenticator(auth, stepUpToken);
    expect(added.devices).toHaveLength(2);
    const removed = await portal.post(`/api/v1/account/mfa/devices/${only!.id}/remove`, { stepUpToken }, auth);
    expect(removed.status).toBe(200);
    expect(removed.body.devices.map((d: { id: string }) => d.id)).toEqual([added.id]);
    // The current session survives; the list is down to the new device.
    expect((await portal.get('/api/v1/account/mfa', auth)).status).toBe(200);
    expect((await portal.get('/api/v1/account/mfa', second)).status).toBe(401);
    const activity = (await portal.get('/api/v1/account/mfa', auth)).body.activity as Array<{ type: string }>;
    expect(activity.map((a) => a.type)).toEqual(expect.arrayContaining(['mfa.enrolled', 'mfa.device_removed']));
  });

  it('adds a phone (with number and type) and refuses incomplete or malformed devices', async () => {
    const { auth, stepUp } = await signedIn();
    const stepUpToken = await stepUp();
    for (const device of [{ kind: 'mobile' }, { kind: 'mobile', phoneNumber: '555-0100', phoneType: 'android' }, { kind: 'watch' }, { kind: 'mobile', phoneNumber: '+1 602 555 0100', phoneType: 'nokia' }]) {
      const bad = await portal.post('/api/v1/account/mfa/enroll/start', { stepUpToken, device }, auth);
      expect(bad.status, JSON.stringify(device)).toBe(400);
    }
    const start = await portal.post('/api/v1/account/mfa/enroll/start', { stepUpToken, device: { kind: 'mobile', phoneNumber: '+1 602 555 0100', phoneType: 'iphone' } }, auth);
    expect(start.status).toBe(200);
    const enrollment = start.body.enrollment as { id: string; secret: string };
    const wrong = await portal.post('/api/v1/account/mfa/enroll/confirm', { stepUpToken, enrollmentId: enrollment.id, code: '000000' }, auth);
    expect(wrong.status).toBe(401);
    const ok = await portal.post(
      '/api/v1/account/mfa/enroll/confirm',
      { stepUpToken, enrollmentId: enrollment.id, code: totpAt(enrollment.secret, portal.clock.now().getTime()) },
      auth,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.device.kind).toBe('mobile');
    // Its default name shows only the end of the number.
    expect(ok.body.device.name).toBe('Mobile phone …0100');
    expect(ok.body.devices).toHaveLength(2);
  });

  it('regenerates backup codes: the new ones work, the old ones die', async () => {
    const { auth, stepUp, user, password } = await signedIn();
    const stepUpToken = await stepUp();
    const first = await portal.post('/api/v1/account/mfa/backup-codes', { stepUpToken }, auth);
    expect(first.status).toBe(200);
    expect(first.body.codes).toHaveLength(10);
    expect(first.body.fileName).toBe('backup-codes.txt');
    const second = await portal.post('/api/v1/account/mfa/backup-codes', { stepUpToken }, auth);
    expect(second.body.codes).toHaveLength(10);
    expect(second.body.codes).not.toContain(first.body.codes[0]);
    expect((await portal.get('/api/v1/account/mfa', auth)).body.backupCodesLeft).toBe(10);

    const oldCode = await passwordStep(portal, user.username, password);
    const refused = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: oldCode.body.flowToken, code: first.body.codes[0] }, {});
    expect(refused.status).toBe(401);
    const accepted = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: oldCode.body.flowToken, code: second.body.codes[0] }, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.step).toBe('complete');
  });
}, 120_000);
