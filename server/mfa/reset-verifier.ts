/**
 * How a forgotten-password reset checks the second factor
 * (`auth/reset-second-factor.ts`): the same devices, pushes and codes as at
 * sign-in. Built once with the app and handed to the reset flow.
 *
 * A subject without a user runs the same queries and hashing against an id
 * that matches nothing (and one authenticator check against a secret nobody
 * holds), so a code for an unknown name costs what a code for a real one does.
 */
import type { AppContext } from '../app-context';
import type { ResetSecondFactor } from '../auth/reset-second-factor';
import { recordAudit } from './audit';
import { useBackupCode } from './backup-store';
import { normaliseBackupCode } from './backup-codes';
import { verifyUserTotp } from './devices';
import { findPush, issuePush, pushView } from './push-store';
import { verifyTotp } from './totp';

/** No user has this id (ids are never empty). */
const NO_USER = '';
/** A secret nobody holds: the authenticator check a real device would cost. */
const NOBODYS_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** The reset's second-factor verifier, backed by the MFA tables. */
export function mfaResetSecondFactor(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'seeds'>): ResetSecondFactor {
  return {
    sendPush: async ({ user, usernameKey }, flowKey, address) => {
      const push = await issuePush(ctx.db, {
        ...(user ? { userId: user.id } : { decoyKey: usernameKey }),
        flowId: flowKey,
        app: 'Portico password reset',
        address,
        now: ctx.clock.now(),
        limits: ctx.config.mfa.push,
        verify: ctx.config.mfa.push.verification === 'always',
      });
      return pushView(push);
    },
    pushApproved: async ({ user }, flowKey, pushId) => {
      const push = await findPush(ctx.db, pushId);
      return (
        user !== null &&
        push !== null &&
        push.userId === user.id &&
        push.flowId === flowKey &&
        push.state === 'approved'
      );
    },
    // The reset flow counts failures itself; this only checks (single use still holds).
    verifyPasscode: async ({ user }, code) => {
      const now = ctx.clock.now();
      const userId = user?.id ?? NO_USER;
      if (normaliseBackupCode(code) !== null) {
        const used = await useBackupCode(ctx.db, userId, code, now);
        if (used.ok && user)
          await recordAudit(ctx.db, {
            at: now,
            actor: user.username,
            userId: user.id,
            type: 'mfa.backup_code_used',
            detail: { left: used.left, via: 'reset' },
          });
        return used.ok && user !== null;
      }
      const checked = await verifyUserTotp(ctx.db, ctx.seeds, userId, code, now);
      if (!user) verifyTotp({ secret: NOBODYS_SECRET, code, now: now.getTime() });
      return checked.ok && user !== null;
    },
  };
}
