/**
 * How a forgotten-password reset checks the second factor
 * (`auth/reset-second-factor.ts`): the same devices, pushes and codes as at
 * sign-in. Built once with the app and handed to the reset flow.
 */
import type { AppContext } from '../app-context';
import type { ResetSecondFactor } from '../auth/reset-second-factor';
import { recordAudit } from './audit';
import { useBackupCode } from './backup-store';
import { normaliseBackupCode } from './backup-codes';
import { countDevices, verifyUserTotp } from './devices';
import { findPush, hasPushDevice, issuePush } from './push-store';

/** The reset's second-factor verifier, backed by the MFA tables. */
export function mfaResetSecondFactor(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'seeds'>): ResetSecondFactor {
  return {
    methods: async (user) => {
      if ((await countDevices(ctx.db, user.id)) === 0) return [];
      // Same order as the sign-in chooser: the push first when a phone is bound.
      return (await hasPushDevice(ctx.db, user.id)) ? ['push', 'passcode'] : ['passcode'];
    },
    sendPush: async (user, flowKey, address) => {
      const push = await issuePush(ctx.db, {
        userId: user.id,
        flowId: flowKey,
        app: 'Portico password reset',
        address,
        now: ctx.clock.now(),
        limits: ctx.config.mfa.push,
      });
      return { id: push.id, expiresAt: new Date(push.expiresAt).toISOString() };
    },
    pushApproved: async (user, flowKey, pushId) => {
      const push = await findPush(ctx.db, pushId);
      return push !== null && push.userId === user.id && push.flowId === flowKey && push.state === 'approved';
    },
    // The reset flow counts failures itself; this only checks (single use still holds).
    verifyPasscode: async (user, code) => {
      const now = ctx.clock.now();
      if (normaliseBackupCode(code) !== null) {
        const used = await useBackupCode(ctx.db, user.id, code, now);
        if (used.ok) await recordAudit(ctx.db, { at: now, actor: user.username, userId: user.id, type: 'mfa.backup_code_used', detail: { left: used.left, via: 'reset' } });
        return used.ok;
      }
      return (await verifyUserTotp(ctx.db, ctx.seeds, user.id, code, now)).ok;
    },
  };
}
