/**
 * Checks a passcode (authenticator code or backup code) for a user, counting
 * every failure toward lockout (the `LockoutStore`) and auditing
 * backup-code use. Malformed input (letters, too long) is a validation error
 * and is not counted: it cannot be a guess at a real code.
 */
import type { AppContext } from '../app-context';
import { LockoutStore } from '../auth/lockout-store';
import type { UserRecord } from '../auth/users';
import { portalError } from '../errors';
import { recordAudit } from './audit';
import { useBackupCode } from './backup-store';
import { codeError, verifyUserTotp } from './devices';
import { normaliseBackupCode } from './backup-codes';

/** Longest passcode input looked at (a backup code with separators fits easily). */
export { MAX_PASSCODE_LENGTH } from '../../common/api';

/** Which kind of passcode was accepted. */
export type PasscodeKind = 'totp' | 'backup';

/** The lockout store every instance shares (stateless; built per context). */
export function lockoutFor(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): LockoutStore {
  return new LockoutStore(ctx.db, ctx.clock, ctx.config.lockout);
}

/** Verifies `code` for `user`; throws `invalid_code`/`locked`/`invalid_request`. */
export async function checkPasscode(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'seeds'>,
  user: UserRecord,
  code: string,
  via: string,
): Promise<{ kind: PasscodeKind; backupCodesLeft?: number }> {
  const lockout = lockoutFor(ctx);
  const now = ctx.clock.now();
  const looksLikeBackup = normaliseBackupCode(code) !== null;
  // The guess is reserved before it is checked: a burst checks no more than the lockout allows.
  if (looksLikeBackup) {
    const used = await lockout.guard(user.username, 'backup-code', () => useBackupCode(ctx.db, user.id, code, now), async (result) => {
      if (result.ok) return null;
      await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.code_failed', detail: { kind: 'backup', via } });
      return portalError('invalid_code', 'That backup code is not valid or was already used.', { reason: 'invalid' });
    });
    if (!used.ok) throw portalError('invalid_code', 'That backup code is not valid or was already used.', { reason: 'invalid' });
    await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.backup_code_used', detail: { left: used.left, via } });
    return { kind: 'backup', backupCodesLeft: used.left };
  }
  await lockout.guard(user.username, 'mfa-code', () => verifyUserTotp(ctx.db, ctx.seeds, user.id, code, now), async (result) => {
    if (result.ok) return null;
    // Malformed input cannot be a guess at a real code: thrown, so not counted.
    if (result.reason === 'malformed') throw codeError('malformed');
    await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.code_failed', detail: { kind: 'totp', reason: result.reason, via } });
    return codeError(result.reason);
  });
  return { kind: 'totp' };
}
