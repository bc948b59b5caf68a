import { describe, expect, it } from 'vitest';
import { backends } from '../helpers';
import { answerQuestions, createTestUser, passwordStep, totpAt, useMfaPortal } from './mfa-helpers';

describe.each(backends)('activation: enrollment and backup codes ($name)', (backend) => {
  const portal = useMfaPortal(backend);

  it('walks a new user through enrollment and backup codes, with typed errors on bad input', async () => {
    const { user, password } = await createTestUser(portal, 'new-user', { temporary: true });
    const first = await passwordStep(portal, user.username, password);
    // The activation guide's order, then the steps it does not have.
    expect(first.body).toMatchObject({ step: 'enroll', activation: ['enroll', 'mfa', 'security_questions', 'backup_codes', 'change_password'] });
    const flowToken = first.body.flowToken as string;

    // Steps cannot be skipped.
    const early = await portal.post('/api/v1/auth/backup-codes', { flowToken });
    expect(early.status).toBe(409);
    const badPhone = await portal.post('/api/v1/auth/enroll/start', { flowToken, device: { kind: 'mobile' } });
    expect(badPhone.status).toBe(400);

    const firstStart = await portal.post('/api/v1/auth/enroll/start', { flowToken, device: { kind: 'mobile', phoneNumber: '+1 602 555 0100', phoneType: 'android' } });
    expect(firstStart.status).toBe(200);
    // Starting twice replaces the first enrollment: its id is gone, nothing half-written remains.
    const start = await portal.post('/api/v1/auth/enroll/start', { flowToken, device: { kind: 'authenticator' } });
    const enrollment = start.body.enrollment as { id: string; secret: string; otpauthUri: string; bindUrl: string };
    expect(enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrollment.bindUrl).toMatch(/\/approver#bind=/);
    const stale = await portal.post('/api/v1/auth/enroll/confirm', { flowToken, enrollmentId: firstStart.body.enrollment.id, code: '123456' });
    expect(stale.status).toBe(404);
    const pendingRows = await portal.ctx.db.query('SELECT id FROM mfa_devices WHERE user_id = $1', [user.id]);
    expect(pendingRows.rows).toHaveLength(1);

    const now = portal.clock.now().getTime();
    const wrong = await portal.post('/api/v1/auth/enroll/confirm', { flowToken, enrollmentId: enrollment.id, code: totpAt(enrollment.secret, now - 120_000) });
    expect(wrong.status).toBe(401);
    const ok = await portal.post('/api/v1/auth/enroll/confirm', { flowToken, enrollmentId: enrollment.id, code: totpAt(enrollment.secret, now) });
    expect(ok.status).toBe(200);
    // An app cannot take pushes: its code was the factor; the security questions come next.
    expect(ok.body.next).toMatchObject({ step: 'security_questions' });

    // The secret cannot be read once the enrollment is finished.
    const secretAfter = await portal.post('/api/v1/auth/enroll/secret', { flowToken, enrollmentId: enrollment.id });
    expect(secretAfter.status).toBe(409);
    expect(secretAfter.body.error.details.reason).toBe('enrollment_finished');

    const questions = await answerQuestions(portal, flowToken);
    expect(questions.body).toMatchObject({ step: 'backup_codes', devices: [expect.objectContaining({ kind: 'authenticator' })], preference: 'ask', recoveryPhone: null });

    const notYet = await portal.post('/api/v1/auth/backup-codes/saved', { flowToken });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.details.reason).toBe('no_codes');
    const codes = await portal.post('/api/v1/auth/backup-codes', { flowToken });
    expect(codes.body.codes).toHaveLength(10);
    expect(codes.body.fileText).toContain(codes.body.codes[0]);
    const stored = await portal.ctx.db.query<{ code_hash: string }>('SELECT code_hash FROM backup_codes WHERE user_id = $1', [user.id]);
    expect(stored.rows.map((r) => r.code_hash)).not.toContain(codes.body.codes[0]);
    // Two recovery methods: the codes alone are not enough for an app user.
    const noPhone = await portal.post('/api/v1/auth/backup-codes/saved', { flowToken });
    expect(noPhone.status).toBe(409);
    expect(noPhone.body.error.details.reason).toBe('no_recovery_phone');
    const badPhone2 = await portal.post('/api/v1/auth/flow/recovery-phone', { flowToken, phoneNumber: '555' });
    expect(badPhone2.status).toBe(400);
    const phone = await portal.post('/api/v1/auth/flow/recovery-phone', { flowToken, phoneNumber: '+1 602 555 0199' });
    expect(phone.body).toEqual({ recoveryPhone: '+1 602 555 0199' });
    const saved = await portal.post('/api/v1/auth/backup-codes/saved', { flowToken });
    expect(saved.status).toBe(200);
    expect(saved.body.step).toBe('change_password');
    const audit = await portal.ctx.db.query<{ type: string }>('SELECT type FROM audit_events WHERE user_id = $1', [user.id]);
    expect(audit.rows.map((r) => r.type)).toEqual(expect.arrayContaining(['mfa.enrolled', 'mfa.backup_codes_generated', 'mfa.recovery_phone_added']));
  });
});
