import { describe, expect, it } from 'vitest';
import { backends } from '../helpers';
import { enrolledUser, passwordStep, totpAt, useMfaPortal } from './mfa-helpers';

describe.each(backends)('second factor at sign-in ($name)', (backend) => {
  const portal = useMfaPortal(backend);
  const fresh = async () => {
    const { user, password, device } = await enrolledUser(portal, 'mfa-user');
    // The enrollment used the current step; move on so tests start clean.
    portal.clock.advanceSeconds(30);
    return { user, password, device };
  };
  const mfaStep = async (username: string, password: string, extra: Record<string, string> = {}) => {
    const answer = await passwordStep(portal, username, password, extra);
    expect(answer.status).toBe(200);
    return answer.body as { step: string; flowToken: string; methods: string[] };
  };

  it('keeps the demo account on a plain password sign-in', async () => {
    const answer = await passwordStep(portal, 'demo', portal.server.demoAccount!.password);
    expect(answer.body.step).toBe('complete');
  });

  it('asks an enrolled user for a second factor and accepts the current code once', async () => {
    const { user, password, device } = await fresh();
    const step = await mfaStep(user.username, password);
    expect(step.step).toBe('mfa');
    expect(step.methods).toEqual(['passcode']);
    const code = totpAt(device.secret, portal.clock.now().getTime());
    const ok = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: step.flowToken, code });
    expect(ok.status).toBe(200);
    expect(ok.body.step).toBe('complete');

    // Replay in a new sign-in attempt: refused as reused.
    const again = await mfaStep(user.username, password);
    const replay = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: again.flowToken, code });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatchObject({ code: 'invalid_code', details: { reason: 'replayed' } });
  });

  it('accepts exactly one of two simultaneous submissions of one code', async () => {
    const { user, password, device } = await fresh();
    const first = await mfaStep(user.username, password);
    const second = await mfaStep(user.username, password);
    const code = totpAt(device.secret, portal.clock.now().getTime());
    const answers = await Promise.all([
      portal.post('/api/v1/auth/mfa/passcode', { flowToken: first.flowToken, code }),
      portal.post('/api/v1/auth/mfa/passcode', { flowToken: second.flowToken, code }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it('accepts the next step (a phone clock a little ahead), by the server clock', async () => {
    const { user, password, device } = await fresh();
    portal.clock.advanceSeconds(60);
    const now = portal.clock.now().getTime();
    const step = await mfaStep(user.username, password);
    const next = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: step.flowToken, code: totpAt(device.secret, now + 30_000) });
    expect(next.status).toBe(200);
    expect(next.body.step).toBe('complete');
    // The current code is now older than the one accepted: a replay.
    const again = await mfaStep(user.username, password);
    const current = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: again.flowToken, code: totpAt(device.secret, now) });
    expect(current.status).toBe(401);
  });

  it('accepts the previous step and rejects two steps away, by the server clock', async () => {
    const { user, password, device } = await fresh();
    // Two steps past the enrollment's code, so the previous step is unused.
    portal.clock.advanceSeconds(60);
    const now = portal.clock.now().getTime();
    const tooOld = await mfaStep(user.username, password);
    const old = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: tooOld.flowToken, code: totpAt(device.secret, now - 60_000) });
    expect(old.status).toBe(401);
    const tooNew = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: tooOld.flowToken, code: totpAt(device.secret, now + 60_000) });
    expect(tooNew.status).toBe(401);
    const previous = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: tooOld.flowToken, code: totpAt(device.secret, now - 30_000) });
    expect(previous.status).toBe(200);
    expect(previous.body.step).toBe('complete');
  });

  it('answers malformed and too-long codes with invalid_request, without a session', async () => {
    const { user, password } = await fresh();
    const step = await mfaStep(user.username, password);
    for (const code of ['12ab56', '1'.repeat(200), '', '1234567']) {
      const answer = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: step.flowToken, code });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
    }
    const forged = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: 'x'.repeat(43), code: '123456' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('flow_expired');
  });

  it('counts wrong codes toward lockout; the right code is then refused too', async () => {
    const { user, password, device } = await fresh();
    const step = await mfaStep(user.username, password);
    const wrong = (Number(totpAt(device.secret, portal.clock.now().getTime())) + 1) % 1_000_000;
    const codes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const answer = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: step.flowToken, code: String(wrong).padStart(6, '0') });
      codes.push(answer.status);
    }
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes[4]).toBe(423);
    const right = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: step.flowToken, code: totpAt(device.secret, portal.clock.now().getTime()) });
    expect(right.status).toBe(423);
    // A new challenge does not reset the count: the password step is locked too.
    const retry = await passwordStep(portal, user.username, password);
    expect(retry.status).toBe(423);
  });

  it('accepts a backup code once', async () => {
    const { user, password } = await fresh();
    const step = await mfaStep(user.username, password);
    const { issueBackupCodes } = await import('../../../server/mfa/flow-routes');
    const { codes } = await issueBackupCodes(portal.ctx, user.id, user.username, 'test');
    expect(codes).toHaveLength(10);
    const ok = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: step.flowToken, code: codes[3] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ step: 'complete', backupCodesLeft: 9 });
    const again = await mfaStep(user.username, password);
    const reused = await portal.post('/api/v1/auth/mfa/passcode', { flowToken: again.flowToken, code: codes[3] });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('invalid_code');
  });

  it('remembers an install for 8 hours exactly, only on that install', async () => {
    const { user, password, device } = await fresh();
    const installId = 'install-aaaaaaaaaaaaaaaa';
    const step = await mfaStep(user.username, password, { installId });
    const ok = await portal.post('/api/v1/auth/mfa/passcode', {
      flowToken: step.flowToken,
      code: totpAt(device.secret, portal.clock.now().getTime()),
      remember: true,
    });
    const remembered = ok.body.rememberDevice as { token: string; expiresAt: string };
    expect(Date.parse(remembered.expiresAt) - portal.clock.now().getTime()).toBe(portal.server.config.mfa.rememberSeconds * 1000);
    const skip = await passwordStep(portal, user.username, password, { installId, rememberToken: remembered.token });
    expect(skip.body.step).toBe('complete');
    const otherInstall = await passwordStep(portal, user.username, password, { installId: 'install-bbbbbbbbbbbbbbbb', rememberToken: remembered.token });
    expect(otherInstall.body.step).toBe('mfa');
    portal.clock.advanceSeconds(portal.server.config.mfa.rememberSeconds);
    const expired = await passwordStep(portal, user.username, password, { installId, rememberToken: remembered.token });
    expect(expired.body.step).toBe('mfa');
  });
});
