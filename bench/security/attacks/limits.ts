/**
 * Attacks on the rate limits: a burst of push requests in one sign-in, and
 * a burst of new-user requests from one customer. `checked` is what the
 * portal really let through (pushes stored, requests filed); the limit is
 * the portal's own configuration.
 */
import { BURST, burst, countAudit } from '../../../tests/server/burst';
import {
  createTestUser,
  enrollDevice,
  passwordStep,
  type MfaPortal,
} from '../../../tests/server/mfa/mfa-harness';
import type { Attack, AttackResult } from '../attack';
import { count, onPortal } from '../portal';

let made = 0;

async function pushBurst(portal: MfaPortal): Promise<AttackResult> {
  made += 1;
  const { user, password } = await createTestUser(portal, `bench-push-${made}`);
  const device = await enrollDevice(portal, user);
  const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
  if (bound.status !== 200) throw new Error(`binding the approver page failed: ${bound.status}`);
  const step = await passwordStep(portal, user.username, password);
  const flowToken = step.body.flowToken as string;
  await burst(BURST, () => portal.post('/api/v1/auth/mfa/push', { flowToken }));
  const { maxPending, maxPerWindow } = portal.ctx.config.mfa.push;
  const limit = Math.min(maxPending, maxPerWindow);
  const sent = await count(portal, 'SELECT count(*) AS n FROM push_requests WHERE user_id = $1', [user.id]);
  return {
    attempts: BURST,
    accepted: Math.max(0, sent - limit),
    checked: sent,
    limit,
    note: `${BURST} pushes asked at once in one sign-in`,
  };
}

async function requestBurst(portal: MfaPortal): Promise<AttackResult> {
  made += 1;
  const { user } = await createTestUser(portal, `bench-requests-${made}`);
  const { token } = await portal.ctx.sessions.create(user.id);
  await burst(BURST, (i) =>
    portal.post(
      '/api/v1/requests',
      { fullName: `Burst Person ${i}`, email: `burst${i}@example.com` },
      { authorization: `Bearer ${token}` },
    ),
  );
  const limit = portal.ctx.config.requests.maxPerWindow;
  const filed =
    (await countAudit(portal.ctx.db, user.id, 'request.filed')) +
    (await countAudit(portal.ctx.db, user.id, 'request.merged'));
  return {
    attempts: BURST,
    accepted: Math.max(0, filed - limit),
    checked: filed,
    limit,
    note: `${BURST} new-user requests at once from one customer`,
  };
}

const both = ['pglite', 'postgres'] as const;

export const limitAttacks: Attack[] = [
  { name: 'push limit burst', databases: both, run: (db) => onPortal(db, pushBurst) },
  { name: 'new-user request limit burst', databases: both, run: (db) => onPortal(db, requestBurst) },
];
