/**
 * The second factor and activation, wired into the portal: flow routes,
 * account (devices page) routes, the approver page and reset pushes. Its
 * sign-in gates (`gates.ts`) and the reset verifier (`reset-verifier.ts`)
 * are built with the app, before the context is frozen.
 */
import type { PortalPlugin } from '../app-context';
import { accountMfaRoutes } from './account-routes';
import { approverRoutes } from './approver-page';
import { mfaFlowRoutes } from './flow-routes';
import { passkeyClientRoutes, passkeyPageRoutes } from './passkey-routes';
import { resetPushRoutes } from './reset-push-routes';

export { mfaGates, type MfaGates } from './gates';
export { mfaResetSecondFactor } from './reset-verifier';

/** Route modules of this feature. */
export const mfaPlugins: readonly PortalPlugin[] = [mfaFlowRoutes, accountMfaRoutes, approverRoutes, resetPushRoutes, passkeyPageRoutes, passkeyClientRoutes];
