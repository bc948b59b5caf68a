/**
 * The second factor's sign-in gates (their place in the order is the list in
 * `server/sign-in-gates.ts`): `enroll` (activation) when the account needs a
 * second factor but has no device; `mfa` when it has one and this attempt has
 * not passed it (a live remember-me token on this install counts); and
 * `backup_codes` (activation) until a new user has two recovery methods
 * (the codes, saved, and a recovery phone).
 */
import type { AppContext } from '../app-context';
import { isRemembered } from '../auth/remember-me';
import type { SignInGate } from '../auth/sign-in-steps';
import { listDevices } from './devices';
import { mfaAccountState } from './account-state';
import { enrolledInFlow, recoveryPhoneOf } from './recovery';

/** The second factor's gates. */
export interface MfaGates {
  enroll: SignInGate;
  secondFactor: SignInGate;
  backupCodes: SignInGate;
}

/** Builds the gates (they only look; nothing is registered anywhere). */
export function mfaGates(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): MfaGates {
  return {
    enroll: async (user, flow) => {
      const state = await mfaAccountState(ctx.db, user.id);
      // Accounts created with a temporary password activate; so does any
      // account marked MFA-required whose devices were all removed or reset.
      if (state.activeDevices > 0 || !(state.mfaRequired || user.mustChangePassword)) return null;
      return { step: 'enroll', flowToken: await flow.token(), user: { displayName: user.displayName, username: user.username } };
    },

    secondFactor: async (user, flow) => {
      if (flow.factorVerified) return null;
      const state = await mfaAccountState(ctx.db, user.id);
      if (state.activeDevices === 0) return null;
      if (await isRemembered(ctx.db, { userId: user.id, installId: flow.installId, token: flow.rememberToken, now: ctx.clock.now() })) {
        flow.acceptRemembered();
        return null;
      }
      return {
        step: 'mfa',
        flowToken: await flow.token(),
        // A backup code is always a passcode, so *Enter a Passcode* stays on offer.
        methods: [...(state.pushDevices > 0 ? ['push'] : []), ...(state.passkeyDevices > 0 ? ['passkey'] : []), 'passcode'],
        preference: state.pushDevices > 0 ? state.preference : 'ask',
        rememberSeconds: ctx.config.mfa.rememberSeconds,
        pushExpirySeconds: ctx.config.mfa.push.expirySeconds,
        // Right after activation's enrollment: the client shows that it succeeded.
        enrolled: await enrolledInFlow(ctx.db, flow.flowId),
      };
    },

    backupCodes: async (user, flow) => {
      if (!user.mustChangePassword) return null;
      const state = await mfaAccountState(ctx.db, user.id);
      if (state.backupCodesSavedAt !== null || state.activeDevices === 0) return null;
      return {
        step: 'backup_codes',
        flowToken: await flow.token(),
        devices: await listDevices(ctx.db, user.id),
        preference: state.preference,
        recoveryPhone: await recoveryPhoneOf(ctx.db, user.id),
      };
    },
  };
}
