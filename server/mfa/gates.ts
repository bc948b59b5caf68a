/**
 * The second factor's sign-in gates (see `server/auth/sign-in-flow.ts` for
 * the order): `enroll` (10, activation) when the account needs a second
 * factor but has no device; `mfa` (20) when it has one and this attempt has
 * not passed it (a live remember-me token on this install counts); and
 * `backup_codes` (30, activation) until a new user confirms saving them.
 */
import type { AppContext } from '../app-context';
import { isRemembered } from '../auth/remember-me';
import type { SignInFlow } from '../auth/sign-in-flow';
import { listDevices } from './devices';
import { mfaAccountState } from './account-state';

/** Registers the gates on the sign-in flow. */
export function registerMfaGates(signIn: SignInFlow, ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): void {
  signIn.addGate(
    async (user, flow) => {
      const state = await mfaAccountState(ctx.db, user.id);
      // Accounts created with a temporary password activate; so does any
      // account marked MFA-required whose devices were all removed or reset.
      if (state.activeDevices > 0 || !(state.mfaRequired || user.mustChangePassword)) return null;
      return { step: 'enroll', flowToken: await flow.token(), user: { displayName: user.displayName, username: user.username } };
    },
    { name: 'enroll', order: 10, activation: true },
  );

  signIn.addGate(
    async (user, flow) => {
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
        methods: state.pushDevices > 0 ? ['push', 'passcode'] : ['passcode'],
        preference: state.pushDevices > 0 ? state.preference : 'ask',
        rememberSeconds: ctx.config.mfa.rememberSeconds,
        pushExpirySeconds: ctx.config.mfa.push.expirySeconds,
      };
    },
    { name: 'mfa', order: 20 },
  );

  signIn.addGate(
    async (user, flow) => {
      if (!user.mustChangePassword) return null;
      const state = await mfaAccountState(ctx.db, user.id);
      if (state.backupCodesSavedAt !== null || state.activeDevices === 0) return null;
      return {
        step: 'backup_codes',
        flowToken: await flow.token(),
        devices: await listDevices(ctx.db, user.id),
        preference: state.preference,
      };
    },
    { name: 'backup_codes', order: 30, activation: true },
  );
}
