/**
 * Attacks on the forgotten-password reset: telling unknown names from real
 * accounts before the second factor (every answer must be the same), a
 * burst of wrong security answers (they count toward the one lockout), and a
 * burst of new passwords on one reset token (single use: one may win).
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
  const ids = await seedAccounts(portal.ctx, MIN_ARGON2, portal.clock.now(), [
    { username, password: `Start-Pass-Bench-${made}`, totpSecret: SECRET, securityAnswers: SECURITY_ANSWERS },
  ]);
  const started = await portal.post('/api/v1/auth/reset/start', { username });
  if (started.status !== 200) throw new Error(`reset/start answered ${started.status}`);
  const resetToken = started.body.resetToken as string;
  // The second factor comes first; the questions only after it.
  const code = totpAt(SECRET, portal.clock.now().getTime());
  const factor = await portal.post('/api/v1/auth/reset/second-factor', { resetToken, code });
  if (factor.status !== 200) throw new Error(`reset/second-factor answered ${factor.status}`);
  return { username, userId: ids[username]!, resetToken };
}

const UNKNOWN = 200;

/** What a client sees of one answer, with the random parts (tokens, push ids) blanked. */
function seen(answer: { status: number; body: unknown }): string {
  return JSON.stringify({ status: answer.status, body: answer.body }, (key, value: unknown) =>
    (key === 'resetToken' || key === 'id') && typeof value === 'string' ? `<${value.length} chars>` : value,
  );
}

/** Everything a name gets before the factor: the start, a wrong passcode, a push. */
async function beforeFactor(portal: MfaPortal, username: string): Promise<string> {
  const started = await portal.post('/api/v1/auth/reset/start', { username });
  const resetToken = started.body?.resetToken as string;
  const wrong = await portal.post('/api/v1/auth/reset/second-factor', { resetToken, code: '000000' });
  const push = await portal.post('/api/v1/auth/reset/push', { resetToken });
  return [started, wrong, push].map(seen).join('\n');
}

async function decoys(portal: MfaPortal): Promise<AttackResult> {
  made += 1;
  const real = Array.from({ length: 5 }, (_, i) => `bench-real-${made}-${i}`);
  await seedAccounts(
    portal.ctx,
    MIN_ARGON2,
    portal.clock.now(),
    real.map((username, i) => ({
      username,
      password: `Start-Pass-Bench-${made}-${i}`,
      ...(i % 2 === 0 ? { totpSecret: SECRET } : {}),
      ...(i < 4 ? { securityAnswers: SECURITY_ANSWERS } : {}),
    })),
  );
  const reference = await beforeFactor(portal, real[0]!);
  let told = 0;
  for (const username of real.slice(1)) if ((await beforeFactor(portal, username)) !== reference) told += 1;
  for (let i = 0; i < UNKNOWN; i += 1)
    if ((await beforeFactor(portal, `bench-nobody-${made}-${i}`)) !== reference) told += 1;
  return {
    attempts: UNKNOWN + real.length - 1,
    accepted: told,
    note: `${UNKNOWN} unknown and ${real.length} real names (with and without a factor or questions): start, a wrong passcode and a push compared with one real account`,
  };
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
  { name: 'reset decoys told apart', databases: both, run: (db) => onPortal(db, decoys) },
  { name: 'lockout burst: reset answers', databases: both, run: (db) => onPortal(db, answersBurst) },
  { name: 'reset token reuse', databases: both, run: (db) => onPortal(db, tokenBurst) },
];
