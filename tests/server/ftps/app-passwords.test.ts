/**
 * FTPS app passwords: created and shown once, hashed at rest, listed with
 * the connection details, revocable (cutting open FTPS sessions), void after
 * a password change, a disable or an MFA reset, limited to 10 per user and
 * counted toward the lockout under a burst of 100 — on every backend.
 */
import { describe, expect, it, vi } from 'vitest';
import { AppPasswords, generateAppPassword, verifyUnderLockout } from '../../../server/ftps/app-passwords';
import { BURST, burst, countFailures } from '../burst';
import { backends } from '../helpers';
import { useMfaPortal } from '../mfa/mfa-helpers';
import { ftpsUser, openFtps, passCode, triggers, type FtpsUser } from './revocation-harness';
import type { MfaPortal } from '../mfa/mfa-harness';

const PATH = '/api/v1/account/app-passwords';

async function create(portal: MfaPortal, who: FtpsUser, name = 'FileZilla') {
  return portal.post(PATH, { name }, who.auth);
}

/** Credentials for an FTPS login with an app password. */
const appLogin = (who: FtpsUser, password: string) => ({
  username: who.user.username,
  token: password,
  port: who.credentials.port,
});

describe.each(backends)('FTPS app passwords ($name)', (backend) => {
  const portal = useMfaPortal(backend);

  it(
    'is shown once, hashed at rest, listed with its last use and the connection details, and logs in over FTPS',
    { timeout: 60_000 },
    async () => {
      const who = await ftpsUser(portal);
      const made = await create(portal, who);
      expect(made.status).toBe(201);
      const password = made.body.password as string;
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){5}$/);

      const rows = await portal.ctx.db.query('SELECT * FROM app_passwords');
      expect(JSON.stringify(rows.rows)).not.toContain(password);
      expect(JSON.stringify(rows.rows)).not.toContain(password.replaceAll('-', ''));

      const listed = await portal.get(PATH, who.auth);
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain(password);
      expect(listed.body.appPasswords).toEqual([
        {
          id: made.body.appPassword.id,
          name: 'FileZilla',
          createdAt: made.body.appPassword.createdAt,
          lastUsedAt: null,
        },
      ]);
      expect(listed.body.connection).toMatchObject({
        port: who.credentials.port,
        tls: 'explicit',
        username: who.user.username,
      });
      expect(listed.body.connection.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

      expect(await passCode(appLogin(who, password))).toBe(230);
      expect(
        await passCode(
          appLogin(
            who,
            password.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
          ),
        ),
      ).toBe(530);
      const after = await portal.get(PATH, who.auth);
      expect(after.body.appPasswords[0].lastUsedAt).toBe(portal.clock.now().toISOString());
    },
  );

  it('revoking it cuts the open FTPS session and refuses the next login', { timeout: 60_000 }, async () => {
    const who = await ftpsUser(portal);
    const made = await create(portal, who);
    const open = await openFtps(appLogin(who, made.body.password));
    const cut = open.whenClosed();
    const revoked = await portal.post(`${PATH}/${made.body.appPassword.id}/revoke`, {}, who.auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body.appPasswords).toEqual([]);
    await cut;
    expect(await passCode(appLogin(who, made.body.password))).toBe(530);
    expect((await portal.post(`${PATH}/${made.body.appPassword.id}/revoke`, {}, who.auth)).status).toBe(404);
  });

  const revoking = triggers.filter((t) =>
    ['password change', 'password reset', 'account disabled', 'MFA reset by a manager'].includes(t.name),
  );
  it.each(revoking)(
    '$name revokes every app password and cuts their sessions',
    { timeout: 120_000 },
    async (trigger) => {
      const who = await ftpsUser(portal);
      const first = await create(portal, who, 'laptop');
      const second = await create(portal, who, 'rclone');
      const open = await openFtps(appLogin(who, first.body.password));
      const cut = open.whenClosed();
      await trigger.run(portal, who);
      await cut;
      expect(await passCode(appLogin(who, first.body.password))).toBe(530);
      expect(await passCode(appLogin(who, second.body.password))).toBe(530);
      const again = await portal.ctx.sessions.create(who.user.id);
      if (trigger.name !== 'account disabled') {
        const listed = await portal.get(PATH, { authorization: `Bearer ${again.token}` });
        expect(listed.body.appPasswords).toEqual([]);
      }
    },
  );

  it('outlives a single sign-out', { timeout: 60_000 }, async () => {
    const who = await ftpsUser(portal);
    const made = await create(portal, who);
    await triggers.find((t) => t.name === 'sign-out')!.run(portal, who);
    expect(await passCode(appLogin(who, made.body.password))).toBe(230);
  });

  it('creates at most 10 per user under 100 parallel requests', { timeout: 60_000 }, async () => {
    const who = await ftpsUser(portal);
    const answers = await burst(BURST, (i) => create(portal, who, `client ${i}`));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(BURST - 10);
    expect((await portal.get(PATH, who.auth)).body.appPasswords).toHaveLength(10);
  });

  it('refuses a name the user already has (any case), once, under 100 parallel requests', { timeout: 60_000 }, async () => {
    const who = await ftpsUser(portal);
    const answers = await burst(BURST, (i) => create(portal, who, i % 2 ? 'Laptop' : 'LAPTOP'));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(BURST - 1);
    expect(refused.every((a) => a.body.error?.details?.reason === 'duplicate_name')).toBe(true);
    expect((await portal.get(PATH, who.auth)).body.appPasswords).toHaveLength(1);
    // Another user may use the same name.
    expect((await create(portal, await ftpsUser(portal), 'Laptop')).status).toBe(201);
  });

  it(
    'counts toward the lockout: 100 parallel wrong ones check at most the limit, the right one in the burst is refused once locked',
    { timeout: 60_000 },
    async () => {
      const who = await ftpsUser(portal);
      const made = await create(portal, who);
      const password = made.body.password as string;
      const appPasswords = new AppPasswords(portal.ctx.db, { now: () => portal.clock.now().getTime() });
      const checked: string[] = [];
      const verify = appPasswords.verify.bind(appPasswords);
      vi.spyOn(appPasswords, 'verify').mockImplementation(async (username, candidate) => {
        checked.push(candidate);
        return verify(username, candidate);
      });
      const answers = await burst(BURST + 1, (i) =>
        verifyUnderLockout(
          portal.ctx.passwords.lockout,
          appPasswords,
          who.user.username,
          i === BURST / 2 ? password : generateAppPassword(),
        ),
      );
      vi.restoreAllMocks();
      expect(checked.filter((c) => c !== password).length).toBeLessThanOrEqual(5);
      expect(await countFailures(portal.ctx.db, who.user.username)).toBeLessThanOrEqual(5);
      expect(answers.filter((a) => a !== null).length).toBeLessThanOrEqual(1);
      // Locked now: the right app password is refused over FTPS, and so is the portal sign-in.
      expect((await portal.ctx.passwords.lockout.status(who.user.username)).locked).toBe(true);
      expect(await passCode(appLogin(who, password))).toBe(530);
    },
  );
});
