/**
 * Temporary passwords expire: a new account's temporary password opens
 * activation for `temporaryPasswords.validHours` (72 h by default), then the
 * correct password is refused with "Your temporary password has expired".
 * A manager (or the CLI) issues a new one, which works again; the old one
 * stops at once. Changing the password ends the expiry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminUsageError, issueTemporaryPasswordCommand, type CliEnv } from '../../../server/admin/cli-commands';
import { queryAudit } from '../../../server/admin/audit-query';
import { fileRequest } from '../../../server/admin/requests-store';
import { temporaryPasswordExpiry } from '../../../server/auth/temporary-password';
import { findUserByUsername, type UserRecord } from '../../../server/auth/users';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from '../admin/harness';

const HOUR = 3_600_000;

describe('temporaryPasswordExpiry', () => {
  it('is the issue time plus the configured hours', () => {
    const now = new Date('2026-01-15T09:00:00.000Z');
    expect(temporaryPasswordExpiry(72, now).toISOString()).toBe('2026-01-18T09:00:00.000Z');
    expect(temporaryPasswordExpiry(1, now).getTime() - now.getTime()).toBe(HOUR);
  });
});

describe.each(backends)('temporary passwords expire ($name)', (backend) => {
  let h: AdminHarness;
  let boss: UserRecord;

  beforeAll(async () => {
    h = await startAdminHarness(backend);
    boss = await h.addUser('boss', { manager: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  const signIn = (username: string, password: string) =>
    h.call(null, 'POST', '/api/v1/auth/sign-in', { username, password });
  // A fresh manager session per call: the tests move the clock by days.
  const issue = (token: string, username: string) =>
    h.call(token, 'POST', `/api/v1/admin/users/${username}/temporary-password`, {});
  const expectExpired = async (username: string, password: string) => {
    const answer = await signIn(username, password);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'temporary_password_expired' } });
    expect(answer.body).not.toContain('flowToken');
  };
  const expectOpens = async (username: string, password: string) => {
    const answer = await signIn(username, password);
    expect(answer.statusCode).toBe(200);
    expect(typeof answer.json().step).toBe('string');
  };

  async function approved(fullName: string, email: string, username: string): Promise<string> {
    const requester = await h.addUser(`${username}-asker`);
    const { request } = await fileRequest(h.db, { fullName, email, requesterId: requester.id, now: h.clock.now() });
    const response = await h.call(await h.tokenFor(boss), 'POST', `/api/v1/admin/requests/${request.id}/approve`, { username });
    expect(response.statusCode).toBe(200);
    return response.json().temporaryPassword as string;
  }

  it("opens activation until the configured hours have passed, then says it expired (only to whoever knows it)", async () => {
    const hours = h.ctx.config.temporaryPasswords.validHours;
    expect(hours).toBe(72);
    const password = await approved('Tara Temp', 'tara@example.com', 'tara');
    h.clock.advance(hours * HOUR - 60_000);
    await expectOpens('tara', password);
    h.clock.advance(60_000);
    await expectExpired('tara', password);
    h.clock.advance(365 * 24 * HOUR);
    await expectExpired('tara', password);
    // A wrong password still learns nothing.
    const wrong = await signIn('tara', `${password}x`);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const failures = await queryAudit(h.db, { username: 'tara', type: 'sign_in_failed' });
    expect(failures.map((event) => event.detail.reason)).toContain('temporary_password_expired');
  });

  it('a manager issues a new one: it works for the same hours, the old one and every session end', async () => {
    const old = await approved('Omar Old', 'omar@example.com', 'omar');
    h.clock.advance(100 * HOUR);
    await expectExpired('omar', old);
    const answer = await issue(await h.tokenFor(boss), 'omar');
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body.user).toMatchObject({ username: 'omar', mustChangePassword: true, passwordExpiresInDays: null });
    const hours = h.ctx.config.temporaryPasswords.validHours;
    expect(body.user.temporaryPasswordExpiresAt).toBe(new Date(h.clock.now().getTime() + hours * HOUR).toISOString());
    expect(body.temporaryPassword).not.toBe(old);
    expect((await signIn('omar', old)).statusCode).toBe(401);
    await expectOpens('omar', body.temporaryPassword);
    h.clock.advance(h.ctx.config.temporaryPasswords.validHours * HOUR);
    await expectExpired('omar', body.temporaryPassword);
    const issued = await queryAudit(h.db, { username: 'omar', type: 'admin.temporary_password_issued' });
    expect(issued.map((event) => event.actor)).toEqual(['boss']);
    expect(JSON.stringify(issued)).not.toContain(body.temporaryPassword);

    // Every session of the user ends when a new temporary password is issued.
    const sam = await h.addUser('sam');
    const samToken = await h.tokenFor(sam);
    expect((await h.call(samToken, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await issue(await h.tokenFor(boss), 'sam')).statusCode).toBe(200);
    expect((await h.call(samToken, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('changing the temporary password ends its expiry', async () => {
    await h.addUser('carl');
    const issued = (await issue(await h.tokenFor(boss), 'carl')).json().temporaryPassword as string;
    h.clock.advance(h.ctx.config.temporaryPasswords.validHours * HOUR);
    await expectExpired('carl', issued);
    // The change the activation's last step makes (the step itself is tested with activation).
    const issuedAgain = (await issue(await h.tokenFor(boss), 'carl')).json().temporaryPassword as string;
    await expectOpens('carl', issuedAgain);
    const carl = (await findUserByUsername(h.db, 'carl'))!;
    await h.ctx.passwords.passwords.change(carl, 'Fresh-Start-2026!', 'change', 'carl');
    h.clock.advance(1000 * HOUR);
    await expectOpens('carl', 'Fresh-Start-2026!');
  });

  it('only managers issue one, and not for their own account', async () => {
    const eve = await h.addUser('eve');
    expect((await issue(await h.tokenFor(eve), 'boss')).statusCode).toBe(403);
    const self = await issue(await h.tokenFor(boss), 'boss');
    expect(self.statusCode).toBe(409);
    expect(self.json().error.details.reason).toBe('self_temporary_password');
    expect((await issue(await h.tokenFor(boss), 'nobody')).statusCode).toBe(404);
  });

  it('the CLI issues one too, printed once and audited as cli', async () => {
    const lines: string[] = [];
    const env: CliEnv = { db: h.db, config: h.ctx.config, clock: h.clock, print: (line) => lines.push(line) };
    await h.addUser('cleo');
    await issueTemporaryPasswordCommand(env, 'cleo');
    const printed = /^cleo: temporary password (\S{12,})$/.exec(lines[0] ?? '');
    expect(printed).not.toBeNull();
    expect(lines[1]).toContain(`${h.ctx.config.temporaryPasswords.validHours} hours`);
    await expectOpens('cleo', printed![1]!);
    expect((await queryAudit(h.db, { username: 'cleo', type: 'admin.temporary_password_issued' }))[0]?.actor).toBe('cli');
    await expect(issueTemporaryPasswordCommand(env, undefined)).rejects.toThrow(AdminUsageError);
    await expect(issueTemporaryPasswordCommand(env, 'nobody')).rejects.toThrow('no user named nobody');
  });
});
