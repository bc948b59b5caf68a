/**
 * Attacks on the forgotten-password reset: a burst of wrong security
 * answers (they count toward the one lockout), and a burst of new
 * passwords on one reset token (single use: one may win).
 */
import { SECURITY_ANSWERS, RIGHT_ANSWERS, MIN_ARGON2 } from '../../../tests/server/portal-harness';
import { seedAccounts } from '../../../tests/e2e/seed-accounts';
import { BURST, burst, countAudit, countFailures } from '../../../tests/server/burst';
import { totpAt, type MfaPortal } from '../../../tests/server/mfa/mfa-harness';
import type { Attack, AttackResult } from '../attack';
import { onPortal } from '../portal';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let made = 0;

/** A user with security answers and an authenticator, and a started reset. */
async function startedReset(portal: MfaPortal) {
  made += 1;
  const username = `bench-reset-${made}`;
  const ids = await seedAccounts(portal.ctx.db, MIN_ARGON2, portal.clock.now(), [
    { username, password: `Start-Pass-Bench-${made}`, totpSecret: SECRET, securityAnswers: SECURITY_ANSWERS },
  ]);
  const started = await portal.post('/api/v1/auth/reset/start', { username });
  if (started.status !== 200) throw new Error(`reset/start answered ${started.status}`);
  return { username, userId: ids[username]!, resetToken: started.body.resetToken as string };
}

async function answersBurst(portal: MfaPortal): Promise<AttackResult> {
  const { username, resetToken } = await startedReset(portal);
  await burst(BURST, (i) =>
    portal.post('/api/v1/auth/reset/answers', {
      resetToken,
      answers: ['Biscuit the Cat', 'Porto', `Wrong Boat ${i}`],
    }),
  );
  const checked = await countFailures(portal.ctx.db, username);
  const after = await portal.post('/api/v1/auth/reset/answers', { resetToken, answers: RIGHT_ANSWERS });
  return {
    attempts: BURST + 1,
    accepted: after.status === 200 ? 1 : 0,
    checked,
    limit: portal.ctx.config.lockout.maxFailures,
    note: `${BURST} wrong answers at once, then the right ones`,
  };
}

async function tokenBurst(portal: MfaPortal): Promise<AttackResult> {
  const { userId, resetToken } = await startedReset(portal);
  await portal.post('/api/v1/auth/reset/answers', { resetToken, answers: RIGHT_ANSWERS });
  const code = totpAt(SECRET, portal.clock.now().getTime());
  await portal.post('/api/v1/auth/reset/second-factor', { resetToken, code });
  const answers = await burst(BURST, (i) =>
    portal.post('/api/v1/auth/reset/password', { resetToken, newPassword: `Brand-New-Bench-Pass-${i}x` }),
  );
  const resets = await countAudit(portal.ctx.db, userId, 'password_reset');
  const won = answers.filter((a) => a.status === 200).length;
  return {
    attempts: BURST,
    accepted: Math.max(0, resets - 1) + Math.max(0, won - 1),
    checked: resets,
    limit: 1,
    note: `${BURST} new passwords at once on one reset token`,
  };
}

const both = ['pglite', 'postgres'] as const;

export const resetAttacks: Attack[] = [
  { name: 'lockout burst: reset answers', databases: both, run: (db) => onPortal(db, answersBurst) },
  { name: 'reset token reuse', databases: both, run: (db) => onPortal(db, tokenBurst) },
];
