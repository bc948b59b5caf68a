/**
 * FTPS sessions and tokens end with the portal session: for every
 * revocation trigger, an open logged-in FTPS control connection is cut (the
 * test awaits its close event) and its token is refused at a new login —
 * also after the user signs in anew.
 */
import { describe, expect, it } from 'vitest';
import { backends } from '../helpers';
import { useMfaPortal } from '../mfa/mfa-helpers';
import { credentialsFrom, ftpsUser, openFtps, passCode, triggers } from './revocation-harness';

describe.each(backends)('FTPS access ends with the portal session ($name)', (backend) => {
  const portal = useMfaPortal(backend);

  it.each(triggers)('$name cuts the open FTPS session and voids its token for good', { timeout: 120_000 }, async (trigger) => {
    const who = await ftpsUser(portal);
    const open = await openFtps(who.credentials);
    // Subscribed before the trigger, so a cut arriving at once is not missed.
    const cut = open.whenClosed();
    await trigger.run(portal, who);
    await cut;
    expect(open.isClosed).toBe(true);
    expect(await passCode(who.credentials)).toBe(530);

    // A new portal session (a fresh sign-in) does not bring the old token back.
    const again = await portal.ctx.sessions.create(who.user.id);
    if (trigger.name !== 'account disabled') {
      const fresh = await credentialsFrom(portal.server.url, { authorization: `Bearer ${again.token}` });
      expect(await passCode(fresh)).toBe(230);
    }
    expect(await passCode(who.credentials)).toBe(530);
    if (trigger.keepsSession) {
      // The session that made the MFA change stays signed in and gets new credentials that work.
      expect(await passCode(await credentialsFrom(portal.server.url, who.auth))).toBe(230);
    }
  });

  it('keeps the FTPS session of a user whose sessions were not revoked', { timeout: 120_000 }, async () => {
    const who = await ftpsUser(portal);
    const other = await ftpsUser(portal);
    const open = await openFtps(who.credentials);
    const bystander = await openFtps(other.credentials);
    const cut = open.whenClosed();
    await triggers[0]!.run(portal, who);
    await cut;
    expect((await bystander.send('NOOP')).code).toBe(200);
    bystander.close();
  });
});
