/**
 * Activation with a phone that takes pushes, in the activation guide's
 * order: enroll → *My Settings & Devices* (*When I Log In*) → *Continue to
 * login* → *Choose an authentication method* (the enrollment succeeded) →
 * the first *Send Me a Push*, approved → security questions → backup codes
 * (the phone is the recovery phone) → the new password.
 */
import { describe, expect, it } from 'vitest';
import { backends } from '../helpers';
import { answerQuestions, createTestUser, passwordStep, totpAt, useMfaPortal } from './mfa-helpers';

describe.each(backends)('activation with a push phone ($name)', (backend) => {
  const portal = useMfaPortal(backend, { mfa: { longPollSeconds: 1 } });

  it('asks for the first push right after enrolling, then the questions, the codes and the password', async () => {
    const { user, password } = await createTestUser(portal, 'push-new', { temporary: true });
    const first = await passwordStep(portal, user.username, password);
    const flowToken = first.body.flowToken as string;
    const start = await portal.post('/api/v1/auth/enroll/start', { flowToken, device: { kind: 'mobile', phoneNumber: '+1 602 555 0100', phoneType: 'android' } });
    const enrollment = start.body.enrollment as { id: string; secret: string; bindUrl: string };
    const bindToken = new URL(enrollment.bindUrl).hash.replace('#bind=', '');
    const bound = await portal.post('/approver/api/bind', { bindToken });
    expect(bound.status).toBe(200);
    const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;

    // Before the device is proved, "When I Log In" cannot be set.
    const early = await portal.post('/api/v1/auth/flow/preference', { flowToken, preference: 'ask' });
    expect(early.status).toBe(409);

    const ok = await portal.post('/api/v1/auth/enroll/confirm', { flowToken, enrollmentId: enrollment.id, code: totpAt(enrollment.secret, portal.clock.now().getTime()) });
    expect(ok.status).toBe(200);
    expect(ok.body.device).toMatchObject({ kind: 'mobile', canPush: true });
    expect(ok.body.next).toMatchObject({ step: 'mfa', methods: ['push', 'passcode'], enrolled: true, activation: expect.arrayContaining(['mfa']) });

    // *My Settings & Devices*: the preference is set before the first push.
    const preference = await portal.post('/api/v1/auth/flow/preference', { flowToken, preference: 'ask' });
    expect(preference.status).toBe(200);
    // The step cannot be skipped: no questions before the push.
    const skipped = await answerQuestions(portal, flowToken);
    expect(skipped.status).toBe(409);

    const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
    expect(issued.status).toBe(200);
    const own = new URL(portal.server.url).origin;
    const approve = await portal.post(`/approver/api/pushes/${issued.body.push.id}`, { answer: 'approve', code: issued.body.push.code }, { cookie, origin: own, 'sec-fetch-site': 'same-origin' });
    expect(approve.status).toBe(200);
    const waited = await portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: issued.body.push.id });
    expect(waited.body).toMatchObject({ state: 'approved', next: { step: 'security_questions' } });

    const questions = await answerQuestions(portal, flowToken);
    // The enrolled phone's number is the recovery phone already.
    expect(questions.body).toMatchObject({ step: 'backup_codes', recoveryPhone: '+1 602 555 0100' });
    expect((await portal.post('/api/v1/auth/backup-codes', { flowToken })).status).toBe(200);
    const saved = await portal.post('/api/v1/auth/backup-codes/saved', { flowToken });
    expect(saved.body).toMatchObject({ step: 'change_password', reason: 'temporary' });
  });

  it('an ordinary sign-in of an activated account is not marked as a new enrollment', async () => {
    const { user, password } = await createTestUser(portal, 'push-old', { temporary: true });
    const first = await passwordStep(portal, user.username, password);
    const flowToken = first.body.flowToken as string;
    const start = await portal.post('/api/v1/auth/enroll/start', { flowToken, device: { kind: 'mobile', phoneNumber: '+1 602 555 0101', phoneType: 'iphone' } });
    const enrollment = start.body.enrollment as { id: string; secret: string; bindUrl: string };
    await portal.post('/approver/api/bind', { bindToken: new URL(enrollment.bindUrl).hash.replace('#bind=', '') });
    await portal.post('/api/v1/auth/enroll/confirm', { flowToken, enrollmentId: enrollment.id, code: totpAt(enrollment.secret, portal.clock.now().getTime()) });
    const again = await passwordStep(portal, user.username, password);
    expect(again.body).toMatchObject({ step: 'mfa', enrolled: false });
  });
});
