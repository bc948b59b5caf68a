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
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  user: UserRecord,
  code: string,
  via: string,
): Promise<{ kind: PasscodeKind; backupCodesLeft?: number }> {
  const lockout = lockoutFor(ctx);
  await lockout.assertNotLocked(user.username);
  const now = ctx.clock.now();
  const looksLikeBackup = normaliseBackupCode(code) !== null;
  if (looksLikeBackup) {
    const used = await useBackupCode(ctx.db, user.id, code, now);
    if (used.ok) {
      await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.backup_code_used', detail: { left: used.left, via } });
      return { kind: 'backup', backupCodesLeft: used.left };
    }
    await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.code_failed', detail: { kind: 'backup', via } });
    const error = portalError('invalid_code', 'That backup code is not valid or was already used.', { reason: 'invalid' });
    throw await lockout.recordFailure(user.username, 'backup-code', error);
  }
  const result = await verifyUserTotp(ctx.db, user.id, code, now);
  if (result.ok) return { kind: 'totp' };
  if (result.reason === 'malformed') throw codeError('malformed');
  await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.code_failed', detail: { kind: 'totp', reason: result.reason, via } });
  throw await lockout.recordFailure(user.username, 'mfa-code', codeError(result.reason));
}
