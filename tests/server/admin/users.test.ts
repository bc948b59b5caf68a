/**
 * Account administration: search and status, unlock, MFA reset, forced
 * password change, disable/enable, roles; a manager cannot disable
 * themselves or remove their own manager role; every action is audited.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername, type UserRecord } from '../../../server/auth/users';
import { queryAudit } from '../../../server/admin/audit-query';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from './harness';

const PASSWORD = 'Correct-Horse-42!';

describe.each(backends)('user administration ($name)', (backend) => {
  let h: AdminHarness;
  let boss: UserRecord;
  let bossToken: string;
  let carol: UserRecord;

  beforeAll(async () => {
    h = await startAdminHarness(backend);
    boss = await h.addUser('boss', { manager: true });
    bossToken = await h.tokenFor(boss);
    carol = await h.addUser('carol', { email: 'carol.king@example.com' });
    await h.addUser('dave');
  });
  afterAll(async () => {
    await h?.close();
  });

  const act = (username: string, action: string) => h.call(bossToken, 'POST', `/api/v1/admin/users/${username}/${action}`, {});
  const userRow = async (username: string) => {
    const users = (await h.call(bossToken, 'GET', `/api/v1/admin/users?query=${encodeURIComponent(username)}`)).json().users as Array<Record<string, unknown>>;
    return users.find((u) => u.username === username)!;
  };
  const signIn = (username: string, password: string) => h.call(null, 'POST', '/api/v1/auth/sign-in', { username, password });

  it('searches by username, name and e-mail', async () => {
    const byEmail = (await h.call(bossToken, 'GET', '/api/v1/admin/users?query=KING')).json().users as Array<{ username: string }>;
    expect(byEmail.map((u) => u.username)).toEqual(['carol']);
    const all = (await h.call(bossToken, 'GET', '/api/v1/admin/users')).json().users as Array<{ username: string }>;
    expect(all.map((u) => u.username).sort()).toEqual(['boss', 'carol', 'dave']);
    expect((await h.call(bossToken, 'GET', '/api/v1/admin/users?query=a&x=1')).statusCode).toBe(400);
  });

  it('shows status: active, not locked, password expiry in days, MFA devices', async () => {
    const row = await userRow('carol');
    expect(row).toMatchObject({ status: 'active', locked: false, pendingActivation: false, mfaDevices: 0, roles: ['user'] });
    expect(row.passwordExpiresInDays).toBe(h.ctx.config.passwords.maxAgeDays);
    h.clock.advance(10 * 86_400_000);
    // Ten days outlive every session: sign the manager in again.
    bossToken = await h.tokenFor(boss);
    expect((await userRow('carol')).passwordExpiresInDays).toBe(h.ctx.config.passwords.maxAgeDays! - 10);
  });

  it('shows a user locked by wrong passwords, and unlocks them', async () => {
    for (let i = 0; i < h.ctx.config.lockout.maxFailures; i += 1) await signIn('dave', 'wrong-password');
    const locked = await signIn('dave', PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(await userRow('dave')).toMatchObject({ locked: true });

    const response = await act('dave', 'unlock');
    expect(response.statusCode).toBe(200);
    expect(response.json().user.locked).toBe(false);
    expect((await signIn('dave', PASSWORD)).statusCode).toBe(200);
    const events = await queryAudit(h.db, { username: 'dave', type: 'account_unlocked' });
    expect(events[0]).toMatchObject({ actor: 'boss' });
  });

  it('resets MFA: devices removed, sessions ended, enrollment required again', async () => {
    await h.db.query(
      `INSERT INTO mfa_devices (id, user_id, kind, name, status, totp_secret, created_at, confirmed_at)
       VALUES ($1, $2, 'authenticator', 'Authenticator app', 'active', 'JBSWY3DPEHPK3PXP', $3, $3)`,
      [randomUUID(), carol.id, h.clock.now()],
    );
    await h.db.query('UPDATE users SET mfa_required = true WHERE id = $1', [carol.id]);
    const token = await h.tokenFor(carol);
    expect(await userRow('carol')).toMatchObject({ mfaDevices: 1 });

    const response = await act('carol', 'reset-mfa');
    expect(response.statusCode).toBe(200);
    expect(response.json().user.mfaDevices).toBe(0);
    expect((await h.call(token, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    const next = await signIn('carol', PASSWORD);
    expect(next.statusCode).toBe(200);
    expect(next.json().step).toBe('enroll');
    const events = await queryAudit(h.db, { username: 'carol', type: 'admin.mfa_reset' });
    expect(events[0]).toMatchObject({ actor: 'boss', detail: { devicesRemoved: 1 } });
  });

  it('forces a password change at the next sign-in', async () => {
    const dave = (await findUserByUsername(h.db, 'dave'))!;
    const token = await h.tokenFor(dave);
    const response = await act('dave', 'force-password-change');
    expect(response.json().user.mustChangePassword).toBe(true);
    expect((await h.call(token, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await findUserByUsername(h.db, 'dave'))!.mustChangePassword).toBe(true);
    const next = await signIn('dave', PASSWORD);
    expect(next.json().step).not.toBe('complete');
    expect((await queryAudit(h.db, { username: 'dave', type: 'admin.password_change_forced' }))[0]?.actor).toBe('boss');
  });

  it('disables (sessions end, sign-in refused) and enables again', async () => {
    const erin = await h.addUser('erin');
    const token = await h.tokenFor(erin);
    const disabled = await act('erin', 'disable');
    expect(disabled.json().user.status).toBe('disabled');
    expect((await h.call(token, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await signIn('erin', PASSWORD)).statusCode).toBe(401);
    const enabled = await act('erin', 'enable');
    expect(enabled.json().user.status).toBe('active');
    expect((await signIn('erin', PASSWORD)).statusCode).toBe(200);
    const types = (await queryAudit(h.db, { username: 'erin' })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['admin.user_disabled', 'admin.user_enabled']));
  });

  it('never lets a manager disable themselves or remove their own manager role', async () => {
    const disable = await act('boss', 'disable');
    expect(disable.statusCode).toBe(409);
    expect(disable.json().error.details.reason).toBe('self_disable');
    const demote = await h.call(bossToken, 'POST', '/api/v1/admin/users/BOSS/roles', { manager: false });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.details.reason).toBe('self_demote');
    expect((await findUserByUsername(h.db, 'boss'))).toMatchObject({ status: 'active', roles: ['user', 'manager'] });
  });

  it('grants and removes the manager role of another user', async () => {
    const granted = await h.call(bossToken, 'POST', '/api/v1/admin/users/erin/roles', { manager: true });
    expect(granted.json().user.roles).toEqual(['user', 'manager']);
    // Granting twice does not duplicate the role.
    await h.call(bossToken, 'POST', '/api/v1/admin/users/erin/roles', { manager: true });
    expect((await findUserByUsername(h.db, 'erin'))!.roles).toEqual(['user', 'manager']);
    const erinToken = await h.tokenFor((await findUserByUsername(h.db, 'erin'))!);
    // Another manager may remove boss's role; boss can't remove it himself.
    const removed = await h.call(erinToken, 'POST', '/api/v1/admin/users/boss/roles', { manager: false });
    expect(removed.json().user.roles).toEqual(['user']);
    await h.call(erinToken, 'POST', '/api/v1/admin/users/boss/roles', { manager: true });
    const types = (await queryAudit(h.db, { type: 'admin.role_' })).map((e) => `${e.type}:${e.actor}:${e.username}`);
    expect(types).toEqual(expect.arrayContaining(['admin.role_granted:boss:erin', 'admin.role_revoked:erin:boss']));
  });

  it('answers 404 for an unknown user and 400 for a malformed name', async () => {
    expect((await act('nobody', 'disable')).statusCode).toBe(404);
    expect((await act('bad%20name', 'disable')).statusCode).toBe(400);
    expect([400, 404]).toContain((await act('%2e%2e', 'disable')).statusCode);
  });
});
