/**
 * FTPS revocation tests: a user with an open, logged-in FTPS control
 * connection, and the revocation triggers (sign-out, password change and
 * reset, MFA device added or removed, disable, reset-mfa) as a user or a
 * manager performs them.
 */
import { expect } from 'vitest';
import { generateReadablePassword } from '../../../server/auth/passwords';
import { createUser, type UserRecord } from '../../../server/auth/users';
import { RawFtps } from '../../transfers/helpers/raw-ftps';
import { enrolledUser, enrollDevice, totpAt, type MfaPortal } from '../mfa/mfa-helpers';

/** Transfer credentials as the portal hands them out. */
export interface Credentials {
  username: string;
  token: string;
  port: number;
}

/** A signed-in user with transfer credentials. */
export interface FtpsUser {
  user: UserRecord;
  password: string;
  device: { secret: string; id: string };
  auth: Record<string, string>;
  sessionToken: string;
  credentials: Credentials;
}

/** Asks the portal at `url` for transfer credentials with `auth`. */
export async function credentialsFrom(url: string, auth: Record<string, string>): Promise<Credentials> {
  const response = await fetch(new URL('/api/v1/transfers/credentials', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: '{}',
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Credentials;
}

/** A user with one authenticator, a portal session (made directly) and transfer credentials. */
export async function ftpsUser(portal: MfaPortal): Promise<FtpsUser> {
  const { user, password, device } = await enrolledUser(portal, 'ftps-revoke');
  const session = await portal.ctx.sessions.create(user.id);
  const auth = { authorization: `Bearer ${session.token}` };
  return { user, password, device, auth, sessionToken: session.token, credentials: await credentialsFrom(portal.server.url, auth) };
}

/** Logs in over FTPS (AUTH TLS, USER, PASS, PROT P); the connection stays open. */
export async function openFtps(credentials: Credentials): Promise<RawFtps> {
  const { client } = await RawFtps.connect(credentials.port);
  await client.login(credentials.username, credentials.token);
  expect((await client.send('NOOP')).code).toBe(200);
  return client;
}

/** The PASS reply code for a fresh login with `credentials` (230 accepted, 530 refused). */
export async function passCode(credentials: Credentials): Promise<number> {
  const { client } = await RawFtps.connect(credentials.port);
  try {
    await client.authTls();
    expect((await client.send(`USER ${credentials.username}`)).code).toBe(331);
    return (await client.send(`PASS ${credentials.token}`)).code;
  } finally {
    client.close();
  }
}

/** A manager's session on the portal. */
export async function managerAuth(portal: MfaPortal): Promise<Record<string, string>> {
  const manager = await createUser(portal.ctx.db, {
    username: `manager-${Math.random().toString(36).slice(2, 10)}`,
    displayName: 'Manager',
    passwordHash: await portal.ctx.hasher.hash(generateReadablePassword()),
    roles: ['user', 'manager'],
    now: portal.clock.now(),
  });
  return { authorization: `Bearer ${(await portal.ctx.sessions.create(manager.id)).token}` };
}

/** A fresh step-up of the user's session (password + the current code; the clock then moves past it). */
async function stepUp(portal: MfaPortal, who: FtpsUser): Promise<string> {
  // Past the time step of the code that enrolled the device (a code is good once).
  portal.clock.advanceSeconds(30);
  const code = totpAt(who.device.secret, portal.clock.now().getTime());
  const answer = await portal.post('/api/v1/account/mfa/step-up', { password: who.password, code }, who.auth);
  expect(answer.status).toBe(200);
  portal.clock.advanceSeconds(30);
  return answer.body.stepUpToken as string;
}

/** A strong new password the policy accepts. */
const newPassword = (): string => `${generateReadablePassword()}-Zq9!`;

/** Whether the trigger leaves the user's own portal session signed in (MFA changes keep the current one). */
export interface Trigger {
  name: string;
  keepsSession: boolean;
  run(portal: MfaPortal, who: FtpsUser): Promise<void>;
}

/** Every action that must end the user's FTPS access. */
export const triggers: Trigger[] = [
  {
    name: 'sign-out',
    keepsSession: false,
    async run(portal, who) {
      expect((await portal.post('/api/v1/auth/sign-out', {}, who.auth)).status).toBe(204);
    },
  },
  {
    name: 'password change',
    keepsSession: false,
    async run(portal, who) {
      const answer = await portal.post('/api/v1/account/password', { currentPassword: who.password, newPassword: newPassword() }, who.auth);
      expect(answer.status).toBe(200);
    },
  },
  {
    name: 'password reset',
    keepsSession: false,
    // The last step of the forgotten-password flow (reset-flow.ts) sets the password this way.
    async run(portal, who) {
      await portal.ctx.passwords.passwords.change(who.user, newPassword(), 'reset', who.user.username);
    },
  },
  {
    name: 'MFA device added',
    keepsSession: true,
    async run(portal, who) {
      const stepUpToken = await stepUp(portal, who);
      const start = await portal.post('/api/v1/account/mfa/enroll/start', { stepUpToken, device: { kind: 'authenticator' } }, who.auth);
      expect(start.status).toBe(200);
      const enrollment = start.body.enrollment as { id: string; secret: string };
      const code = totpAt(enrollment.secret, portal.clock.now().getTime());
      const confirm = await portal.post('/api/v1/account/mfa/enroll/confirm', { stepUpToken, enrollmentId: enrollment.id, code }, who.auth);
      expect(confirm.status).toBe(200);
    },
  },
  {
    name: 'MFA device removed',
    keepsSession: true,
    async run(portal, who) {
      const second = await enrollDevice(portal, who.user);
      const stepUpToken = await stepUp(portal, who);
      const answer = await portal.post(`/api/v1/account/mfa/devices/${second.id}/remove`, { stepUpToken }, who.auth);
      expect(answer.status).toBe(200);
    },
  },
  {
    name: 'account disabled',
    keepsSession: false,
    async run(portal, who) {
      const answer = await portal.post(`/api/v1/admin/users/${who.user.username}/disable`, {}, await managerAuth(portal));
      expect(answer.status).toBe(200);
    },
  },
  {
    name: 'MFA reset by a manager',
    keepsSession: false,
    async run(portal, who) {
      const answer = await portal.post(`/api/v1/admin/users/${who.user.username}/reset-mfa`, {}, await managerAuth(portal));
      expect(answer.status).toBe(200);
    },
  },
];
