/**
 * New-user requests: validation, merging of duplicates, live status for the
 * requester, approval (account with a one-time temporary password) and
 * decline, each audited with who and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername, type UserRecord } from '../../../server/auth/users';
import { queryAudit } from '../../../server/admin/audit-query';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from './harness';

describe.each(backends)('new-user requests ($name)', (backend) => {
  let h: AdminHarness;
  let alice: UserRecord;
  let aliceToken: string;
  let bobToken: string;
  let managerToken: string;

  beforeAll(async () => {
    h = await startAdminHarness(backend);
    alice = await h.addUser('alice');
    aliceToken = await h.tokenFor(alice);
    bobToken = await h.tokenFor(await h.addUser('bob'));
    managerToken = await h.tokenFor(await h.addUser('boss', { manager: true }));
  });
  afterAll(async () => {
    await h?.close();
  });

  const file = (token: string, body: unknown) => h.call(token, 'POST', '/api/v1/requests', body);
  const mine = async (token: string) =>
    (await h.call(token, 'GET', '/api/v1/requests/mine')).json().requests as Array<Record<string, unknown>>;
  const pending = async () =>
    (await h.call(managerToken, 'GET', '/api/v1/admin/requests')).json().requests as Array<
      Record<string, unknown>
    >;

  it('needs a session', async () => {
    expect(
      (await h.call(null, 'POST', '/api/v1/requests', { fullName: 'X Y', email: 'x@example.com' }))
        .statusCode,
    ).toBe(401);
    expect((await h.call(null, 'GET', '/api/v1/requests/mine')).statusCode).toBe(401);
  });

  it.each([
    ['not-an-email'],
    ['two@@example.com'],
    ['no-domain@'],
    ['spaces in@example.com'],
    ['line\nbreak@example.com'],
    [`${'a'.repeat(250)}@example.com`],
  ])('refuses the e-mail address %j', async (email) => {
    const response = await file(aliceToken, { fullName: 'Some One', email });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.field).toBe('email');
  });

  it('refuses empty or control-character names and unknown fields', async () => {
    expect((await file(aliceToken, { fullName: '  ', email: 'a@example.com' })).statusCode).toBe(400);
    expect((await file(aliceToken, { fullName: 'Bad\u0007Name', email: 'a@example.com' })).statusCode).toBe(
      400,
    );
    expect(
      (await file(aliceToken, { fullName: 'Ok Name', email: 'a@example.com', role: 'manager' })).statusCode,
    ).toBe(400);
  });

  it('files a request the requester sees as pending', async () => {
    const response = await file(aliceToken, {
      fullName: 'Jane Doe',
      email: 'Jane.Doe@Example.com',
      note: 'Joins the QC team',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().merged).toBe(false);
    const requests = await mine(aliceToken);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      fullName: 'Jane Doe',
      email: 'Jane.Doe@Example.com',
      status: 'pending',
      note: 'Joins the QC team',
    });
  });

  it('merges a duplicate request for the same address (ignoring case), also from another user', async () => {
    const again = await file(bobToken, { fullName: 'Jane Doe', email: 'jane.doe@example.COM' });
    expect(again.statusCode).toBe(200);
    expect(again.json().merged).toBe(true);
    const list = (await pending()).filter((r) => String(r.email).toLowerCase() === 'jane.doe@example.com');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ timesRequested: 2, requestedBy: ['alice', 'bob'] });
    expect(await mine(bobToken)).toHaveLength(1);
    // The same requester asking twice is still one requester.
    await file(aliceToken, { fullName: 'Jane Doe', email: 'jane.doe@example.com' });
    const after = (await pending()).find((r) => r.id === list[0]!.id)!;
    expect(after.requestedBy).toEqual(['alice', 'bob']);
    expect(after.timesRequested).toBe(3);
  });

  it('suggests a free username from the name', async () => {
    await h.addUser('jdoe');
    const request = (await pending()).find((r) => r.fullName === 'Jane Doe')!;
    expect(request.suggestedUsername).toBe('jdoe2');
  });

  it('approves: creates the account with a one-time temporary password that signs in', async () => {
    const request = (await pending()).find((r) => r.fullName === 'Jane Doe')!;
    const response = await h.call(managerToken, 'POST', `/api/v1/admin/requests/${request.id}/approve`, {
      username: 'jane.doe',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.username).toBe('jane.doe');
    expect(body.request.status).toBe('approved');
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(12);

    const user = await findUserByUsername(h.db, 'jane.doe');
    expect(user).toMatchObject({
      displayName: 'Jane Doe',
      email: 'Jane.Doe@Example.com',
      roles: ['user'],
      mustChangePassword: true,
    });
    expect(user!.passwordHash).not.toContain(body.temporaryPassword);

    const signIn = await h.call(null, 'POST', '/api/v1/auth/sign-in', {
      username: 'jane.doe',
      password: body.temporaryPassword,
    });
    expect(signIn.statusCode).toBe(200);
    // A temporary password never completes sign-in: activation comes first.
    expect(signIn.json().step).not.toBe('complete');

    // The requesters see the new status; the password is never shown again.
    const seen = (await mine(aliceToken))[0]!;
    expect(seen.status).toBe('approved');
    expect(JSON.stringify(await mine(aliceToken))).not.toContain(body.temporaryPassword);
    expect(
      JSON.stringify((await h.call(managerToken, 'GET', '/api/v1/admin/requests?status=all')).json()),
    ).not.toContain(body.temporaryPassword);
  });

  it('refuses to decide a request twice', async () => {
    const all = (await h.call(managerToken, 'GET', '/api/v1/admin/requests?status=all')).json()
      .requests as Array<{ id: string; status: string }>;
    const approved = all.find((r) => r.status === 'approved')!;
    const again = await h.call(managerToken, 'POST', `/api/v1/admin/requests/${approved.id}/approve`, {
      username: 'jane2',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.reason).toBe('already_decided');
    const decline = await h.call(managerToken, 'POST', `/api/v1/admin/requests/${approved.id}/decline`, {
      reason: 'no',
    });
    expect(decline.statusCode).toBe(409);
    expect(await findUserByUsername(h.db, 'jane2')).toBeNull();
  });

  it('refuses a taken or invalid username and leaves the request pending', async () => {
    await file(aliceToken, { fullName: 'Tom Taken', email: 'tom@example.com' });
    const request = (await pending()).find((r) => r.fullName === 'Tom Taken')!;
    const taken = await h.call(managerToken, 'POST', `/api/v1/admin/requests/${request.id}/approve`, {
      username: 'ALICE',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.reason).toBe('username_taken');
    const invalid = await h.call(managerToken, 'POST', `/api/v1/admin/requests/${request.id}/approve`, {
      username: '../etc',
    });
    expect(invalid.statusCode).toBe(400);
    expect((await pending()).find((r) => r.id === request.id)?.status).toBe('pending');
  });

  it('refuses to create a second account for an address that has one', async () => {
    await file(aliceToken, { fullName: 'Alice Again', email: 'ALICE@example.com' });
    const request = (await pending()).find((r) => r.fullName === 'Alice Again')!;
    const response = await h.call(managerToken, 'POST', `/api/v1/admin/requests/${request.id}/approve`, {
      username: 'alice2',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.reason).toBe('email_has_account');
  });

  it('declines with a reason the requester sees; a new request for that address is a new one', async () => {
    await file(bobToken, { fullName: 'Dan Decline', email: 'dan@example.com' });
    const request = (await pending()).find((r) => r.fullName === 'Dan Decline')!;
    expect(
      (await h.call(managerToken, 'POST', `/api/v1/admin/requests/${request.id}/decline`, { reason: '' }))
        .statusCode,
    ).toBe(400);
    const response = await h.call(managerToken, 'POST', `/api/v1/admin/requests/${request.id}/decline`, {
      reason: 'Not on the project',
    });
    expect(response.statusCode).toBe(200);
    const seen = (await mine(bobToken)).find((r) => r.id === request.id)!;
    expect(seen).toMatchObject({ status: 'declined', declineReason: 'Not on the project' });
    const again = await file(bobToken, { fullName: 'Dan Decline', email: 'dan@example.com' });
    expect(again.statusCode).toBe(201);
  });

  it('audits every step with who and when', async () => {
    const events = await queryAudit(h.db, { type: 'request.' });
    const types = new Set(events.map((e) => e.type));
    for (const type of ['request.filed', 'request.merged', 'request.approved', 'request.declined'])
      expect(types).toContain(type);
    const approved = events.find((e) => e.type === 'request.approved')!;
    expect(approved.actor).toBe('boss');
    expect(approved.username).toBe('jane.doe');
    expect(approved.at).toBe(h.clock.now().toISOString());
    expect(events.find((e) => e.type === 'request.filed' && e.detail.fullName === 'Jane Doe')!.actor).toBe(
      'alice',
    );
    expect(events.find((e) => e.type === 'request.filed' && e.detail.fullName === 'Dan Decline')!.actor).toBe(
      'bob',
    );
    const created = await queryAudit(h.db, { type: 'account.created' });
    expect(created[0]).toMatchObject({ actor: 'boss', username: 'jane.doe' });
    expect(JSON.stringify(await queryAudit(h.db, {}))).not.toMatch(/temporaryPassword|password_hash/);
  });

  // Last: it moves the clock.
  it('limits how many requests one user files per window, across merges, and lets them file again later', async () => {
    const { maxPerWindow, windowMinutes } = h.ctx.config.requests;
    const carolUser = await h.addUser('carol');
    const carol = await h.tokenFor(carolUser);
    for (let i = 0; i < maxPerWindow; i += 1) {
      // Every other one repeats an address: merged requests count too.
      const n = i % 2 === 0 ? i : i - 1;
      expect(
        (await file(carol, { fullName: `Flood Person ${n}`, email: `flood${n}@example.com` })).statusCode,
      ).toBeLessThan(300);
    }
    const refused = await file(carol, { fullName: 'One More', email: 'one.more@example.com' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({
      code: 'rate_limited',
      details: { reason: 'request_limit' },
    });
    expect(refused.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.json().error.details.retryAfterSeconds).toBeLessThanOrEqual(windowMinutes * 60);
    // Nothing was written for the refused request; other users are not affected.
    expect((await mine(carol)).map((r) => r.fullName)).not.toContain('One More');
    expect(
      (await file(bobToken, { fullName: 'Bob Friend', email: 'bob.friend@example.com' })).statusCode,
    ).toBe(201);
    // Once the window has passed, carol may file again (in a new session: the old one idled out).
    h.clock.advance(windowMinutes * 60_000 + 1000);
    expect(
      (await file(await h.tokenFor(carolUser), { fullName: 'One More', email: 'one.more@example.com' }))
        .statusCode,
    ).toBe(201);
  });
});
