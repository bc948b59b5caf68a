/**
 * The client's admin service against the real portal app (PGlite, loopback):
 * a user files a request and sees it; a manager approves it, manages users
 * and reads the activity; a normal user is refused with `forbidden`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminService, activityQuery } from '../../../../main/services/admin/admin-service';
import { createEventHub } from '../../../../main/services/core/events';
import { PortalApi } from '../../../../main/services/portal/client';
import { SessionService } from '../../../../main/services/auth/session-service';
import { SettingsService } from '../../../../main/services/storage/settings-service';
import { Vault } from '../../../../main/services/storage/vault';
import { isPortalError } from '../../../../main/services/core/errors';
import { createFakePorts, type FakePorts } from '../../../fakes/fake-ports';
import { startAdminHarness, type AdminHarness } from '../../../server/admin/harness';

const PASSWORD = 'Correct-Horse-42!';

interface Client {
  session: SessionService;
  admin: AdminService;
  ports: FakePorts;
}

function client(url: string): Client {
  const ports = createFakePorts({ persist: false });
  const portal = new PortalApi({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 15_000 });
  const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
  const session = new SessionService({
    portal,
    vault,
    settings: new SettingsService(ports.settings),
    events: createEventHub(),
    clock: ports.clock,
    defaultPortalUrl: url,
  });
  return { session, admin: new AdminService({ portal, session }), ports };
}

describe('activityQuery', () => {
  it('maps the filter to the portal query string', () => {
    expect(activityQuery({ type: '' })).toBe('');
    expect(activityQuery({ type: 'mfa.', text: 'a&b=c', username: 'jane doe' })).toBe('?type=mfa.&username=jane+doe&q=a%26b%3Dc');
  });
});

describe('AdminService against the portal', () => {
  let h: AdminHarness;
  let url: string;
  let user: Client;
  let manager: Client;

  beforeAll(async () => {
    h = await startAdminHarness({ name: 'pglite' });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const address = h.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await h.addUser('kim', { password: PASSWORD });
    await h.addUser('max', { password: PASSWORD, manager: true });
    user = client(url);
    manager = client(url);
    await user.session.signIn({ portalUrl: url, username: 'kim', password: PASSWORD });
    await manager.session.signIn({ portalUrl: url, username: 'max', password: PASSWORD });
  });
  afterAll(async () => {
    for (const c of [user, manager]) {
      c?.session.dispose();
      c?.ports.cleanup();
    }
    await h?.close();
  });

  it('files a request and lists it with its status', async () => {
    const filed = await user.admin.fileRequest({ fullName: 'Lena Lopez', email: 'lena@example.com', note: 'Reviewer' });
    expect(filed).toMatchObject({ merged: false, request: { status: 'pending', fullName: 'Lena Lopez' } });
    const again = await user.admin.fileRequest({ fullName: 'Lena Lopez', email: 'LENA@example.com' });
    expect(again.merged).toBe(true);
    expect((await user.admin.myRequests()).map((r) => r.status)).toEqual(['pending']);
  });

  it('reports an invalid e-mail as invalid_request naming the field', async () => {
    const error = await user.admin.fileRequest({ fullName: 'X Y', email: 'nope' }).catch((e: unknown) => e);
    expect(isPortalError(error, 'invalid_request')).toBe(true);
    expect((error as { details?: Record<string, unknown> }).details?.field).toBe('email');
  });

  it('refuses every admin call to a normal user with forbidden', async () => {
    const calls: Array<() => Promise<unknown>> = [
      () => user.admin.listRequests('pending'),
      () => user.admin.approve('0b7e7f5e-8d0c-4c4b-9a8e-3f0f6f7a1b2c', 'x'),
      () => user.admin.decline('0b7e7f5e-8d0c-4c4b-9a8e-3f0f6f7a1b2c', 'x'),
      () => user.admin.listUsers(''),
      () => user.admin.userAction('max', 'disable'),
      () => user.admin.userAction('max', 'revoke-manager'),
      () => user.admin.activity({ type: '' }),
      () => user.admin.exportActivity({ type: '' }),
    ];
    for (const call of calls) expect(isPortalError(await call().catch((e: unknown) => e), 'forbidden')).toBe(true);
  });

  it('lets a manager approve, after which the requester sees the new status', async () => {
    const [pending] = await manager.admin.listRequests('pending');
    expect(pending).toMatchObject({ fullName: 'Lena Lopez', suggestedUsername: 'llopez', timesRequested: 2, requestedBy: ['kim'] });
    const approved = await manager.admin.approve(pending!.id, pending!.suggestedUsername!);
    expect(approved.username).toBe('llopez');
    expect(approved.temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await user.admin.myRequests())[0]?.status).toBe('approved');
  });

  it('maps a conflict with its reason (own account)', async () => {
    const error = await manager.admin.userAction('max', 'disable').catch((e: unknown) => e);
    expect(isPortalError(error, 'conflict')).toBe(true);
    expect((error as { details?: Record<string, unknown> }).details?.reason).toBe('self_disable');
  });

  it('lists users, acts on them and reads and exports the activity', async () => {
    const users = await manager.admin.listUsers('lopez');
    expect(users.map((u) => u.username)).toEqual(['llopez']);
    expect(users[0]).toMatchObject({ pendingActivation: true, status: 'active' });
    expect((await manager.admin.userAction('llopez', 'disable')).status).toBe('disabled');
    const events = await manager.admin.activity({ type: '', username: 'llopez' });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['request.approved', 'admin.user_disabled']));
    for (const event of events) for (const value of Object.values(event.detail)) expect(typeof value).toBe('string');
    const exported = await manager.admin.exportActivity({ type: 'request.' });
    expect(exported.filename).toMatch(/\.csv$/);
    expect(exported.csv).toContain('"request.approved","max"');
  });
});
