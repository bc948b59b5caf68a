/**
 * Attacks on the one lockout counter: a burst of wrong passwords, wrong
 * authenticator codes or wrong backup codes, all at once. `checked` is how
 * many wrong guesses the portal really compared (a password verified, a code
 * recorded as failed); the lockout allows `maxFailures`. After the burst the
 * right secret must be refused: it counts as accepted if it gets through.
 */
import { createBackupCode } from '../../../server/mfa/backup-codes';
import { replaceBackupCodes } from '../../../server/mfa/backup-store';
import { BURST, burst, countAudit } from '../../../tests/server/burst';
import {
  createTestUser,
  enrollDevice,
  passwordStep,
  totpAt,
  type MfaPortal,
} from '../../../tests/server/mfa/mfa-harness';
import type { Attack, AttackResult, Database } from '../attack';
import { onPortal } from '../portal';

let made = 0;

/** A user with an authenticator, and the sign-in flow at its second-factor step. */
async function atSecondFactor(portal: MfaPortal) {
  made += 1;
  const { user, password } = await createTestUser(portal, `bench-lock-${made}`);
  const device = await enrollDevice(portal, user);
  const step = await passwordStep(portal, user.username, password);
  if (step.body?.step !== 'mfa') throw new Error(`expected the second-factor step, got ${step.status}`);
  return { user, password, device, flowToken: step.body.flowToken as string };
}

/** A well-formed authenticator code that is not valid now (nor one step either side). */
function wrongCode(portal: MfaPortal, secret: string): string {
  const now = portal.clock.now().getTime();
  const near = new Set([-30_000, 0, 30_000].map((d) => totpAt(secret, now + d)));
  for (let i = 0; ; i += 1) {
    const candidate = String(123456 + i * 7919)
      .padStart(6, '0')
      .slice(-6);
    if (!near.has(candidate)) return candidate;
  }
}

async function passwordBurst(portal: MfaPortal): Promise<AttackResult> {
  const { user, password } = await atSecondFactor(portal);
  // Start from a clean counter: the sign-in above was a success.
  let checked = 0;
  const verify = portal.ctx.hasher.verify.bind(portal.ctx.hasher);
  portal.ctx.hasher.verify = async (stored, candidate) => {
    if (stored === user.passwordHash && candidate !== password) checked += 1;
    return verify(stored, candidate);
  };
  try {
    await burst(BURST, (i) => passwordStep(portal, user.username, `wrong-password-${i}`));
  } finally {
    portal.ctx.hasher.verify = verify;
  }
  const after = await passwordStep(portal, user.username, password);
  return {
    attempts: BURST + 1,
    accepted: after.status === 423 ? 0 : 1,
    checked,
    limit: portal.ctx.config.lockout.maxFailures,
    note: `${BURST} wrong passwords at once, then the right one`,
  };
}

async function codeBurst(portal: MfaPortal, kind: 'authenticator' | 'backup'): Promise<AttackResult> {
  const { user, device, flowToken } = await atSecondFactor(portal);
  const codes = kind === 'backup' ? await replaceBackupCodes(portal.ctx.db, user.id, portal.clock.now()) : [];
  const guess = () => (kind === 'backup' ? createBackupCode() : wrongCode(portal, device.secret));
  await burst(BURST, () => portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: guess() }));
  const checked = await countAudit(portal.ctx.db, user.id, 'mfa.code_failed');
  const right = kind === 'backup' ? codes[0]! : totpAt(device.secret, portal.clock.now().getTime());
  const after = await portal.post('/api/v1/auth/mfa/passcode', { flowToken, code: right });
  return {
    attempts: BURST + 1,
    accepted: after.status === 200 && after.body?.session ? 1 : 0,
    checked,
    limit: portal.ctx.config.lockout.maxFailures,
    note: `${BURST} wrong ${kind === 'backup' ? 'backup codes' : 'TOTP codes'} at once, then the right one`,
  };
}

const both = ['pglite', 'postgres'] as const;

export const lockoutAttacks: Attack[] = [
  {
    name: 'lockout burst: password',
    databases: both,
    run: (db: Database | null) => onPortal(db, passwordBurst),
  },
  {
    name: 'lockout burst: TOTP code',
    databases: both,
    run: (db) => onPortal(db, (p) => codeBurst(p, 'authenticator')),
  },
  {
    name: 'lockout burst: backup code',
    databases: both,
    run: (db) => onPortal(db, (p) => codeBurst(p, 'backup')),
  },
];
