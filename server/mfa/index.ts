/**
 * The second factor and activation, wired into the portal: sign-in gates,
 * flow routes, account (devices page) routes, the approver page, and the
 * verifier the password-reset flow uses.
 */
import type { AppContext, PortalPlugin } from '../app-context';
import { accountMfaRoutes } from './account-routes';
import { approverRoutes } from './approver-page';
import { useBackupCode } from './backup-store';
import { normaliseBackupCode } from './backup-codes';
import { countDevices, verifyUserTotp } from './devices';
import { mfaFlowRoutes } from './flow-routes';
import { registerMfaGates } from './gates';
import { recordAudit } from './audit';
import { findPush, hasPushDevice, issuePush } from './push-store';
import { resetPushRoutes } from './reset-push-routes';

/** Route modules of this feature. */
export const mfaPlugins: readonly PortalPlugin[] = [mfaFlowRoutes, accountMfaRoutes, approverRoutes, resetPushRoutes];

/** Registers the gates and the reset verifier; call once while building the app. */
export function installMfa(ctx: AppContext): void {
  registerMfaGates(ctx.signIn, ctx);
  ctx.passwords?.setResetSecondFactor({
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
      return (await verifyUserTotp(ctx.db, user.id, code, now)).ok;
    },
  });
}
