/** Sign-ins and failed sign-ins reach the audit log (the managers' Activity view). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from '../admin/harness';

describe.each(backends)('sign-in audit records ($name)', (backend) => {
  let h: AdminHarness;
  let managerToken: string;

  beforeAll(async () => {
    h = await startAdminHarness(backend);
    managerToken = await h.tokenFor(await h.addUser('boss', { manager: true }));
  });
  afterAll(async () => {
    await h?.close();
  });

  const auditTypes = async (query: string) => {
    const response = await h.call(managerToken, 'GET', `/api/v1/admin/audit${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().events as Array<{ type: string; actor: string; detail: Record<string, unknown> }>;
  };

  it('records a failed sign-in for known and unknown names without the password', async () => {
    const password = 'Wrong-Password-42!';
    for (const username of ['boss', 'nobody-at-all']) {
      const response = await h.call(null, 'POST', '/api/v1/auth/sign-in', { username, password });
      expect(response.statusCode).toBe(401);
    }
    const failed = await auditTypes('?type=sign_in_failed');
    expect(failed.map((e) => e.actor).sort()).toEqual(['boss', 'nobody-at-all']);
    expect(JSON.stringify(failed)).not.toContain(password);
  });

  it('records a completed sign-in', async () => {
    await h.addUser('alice', { password: 'Alice-Signs-In-7!' });
    const response = await h.call(null, 'POST', '/api/v1/auth/sign-in', {
      username: 'alice',
      password: 'Alice-Signs-In-7!',
    });
    expect(response.json().step).toBe('complete');
    const signIns = await auditTypes('?type=sign_in');
    expect(signIns.map((e) => e.actor)).toContain('alice');
  });
});
