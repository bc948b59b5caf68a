/**
 * The new-user request limit under a burst of 100 concurrent requests from
 * one user, on every backend: no more are accepted than the limit, whether
 * each names a new address or they all repeat one (merged requests count).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BURST, burst, countAudit } from '../burst';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from './harness';

describe.each(backends)('new-user request limit under 100 concurrent requests ($name)', (backend) => {
  let h: AdminHarness;

  beforeAll(async () => {
    h = await startAdminHarness(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  const filed = async (userId: string) =>
    (await countAudit(h.db, userId, 'request.filed')) + (await countAudit(h.db, userId, 'request.merged'));

  it('accepts at most the limit of 100 simultaneous requests for new addresses', async () => {
    const { maxPerWindow } = h.ctx.config.requests;
    const user = await h.addUser('flooder');
    const token = await h.tokenFor(user);
    const answers = await burst(BURST, (i) =>
      h.call(token, 'POST', '/api/v1/requests', { fullName: `Burst Person ${i}`, email: `burst${i}@example.com` }),
    );
    const accepted = answers.filter((a) => a.statusCode < 300);
    expect(accepted).toHaveLength(maxPerWindow);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(BURST - maxPerWindow);
    expect(await filed(user.id)).toBe(maxPerWindow);
    const rows = await h.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM user_requests WHERE $1 = ANY(requester_ids)',
      [user.id],
    );
    expect(Number(rows.rows[0]!.n)).toBe(maxPerWindow);
  });

  it('accepts at most the limit when all repeat one address (merges count)', async () => {
    const { maxPerWindow } = h.ctx.config.requests;
    const user = await h.addUser('repeater');
    const token = await h.tokenFor(user);
    const answers = await burst(BURST, () =>
      h.call(token, 'POST', '/api/v1/requests', { fullName: 'Same Person', email: 'same.person@example.com' }),
    );
    expect(answers.filter((a) => a.statusCode < 300)).toHaveLength(maxPerWindow);
    expect(await filed(user.id)).toBe(maxPerWindow);
  });
});
