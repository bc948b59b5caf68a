/** Second factor: channel → MFA service call (arguments already validated by the router). */
import type { InvokeArgs, InvokeChannel, InvokeValue } from '../../common/contract';
import type { MfaService } from '../services/auth/mfa/mfa-service';
import type { SessionService } from '../services/auth/session-service';

type MfaChannel = Extract<InvokeChannel, `mfa:${string}`>;
type MfaHandlers = { [C in MfaChannel]: (...args: InvokeArgs<C>) => Promise<InvokeValue<C>> | InvokeValue<C> };

/** The handlers of the `mfa:*` channels. */
export function createMfaHandlers(mfa: MfaService, session: SessionService): MfaHandlers {
  return {
    // During activation the flow's enrollment; signed in, adding another device.
    'mfa:enroll-start': (request) => (session.pendingSignIn() ? mfa.startEnrollment(request) : mfa.startAddDevice(request)),
    'mfa:enroll-status': () => mfa.enrollmentStatus(),
    'mfa:enroll-confirm': (request) => mfa.confirmEnrollment(request.code),
    'mfa:set-preference': (request) => mfa.setPreference(request.preference),
    'mfa:backup-codes': () => mfa.backupCodes(),
    'mfa:backup-codes-saved': () => mfa.backupCodesSaved(),
    'mfa:recovery-phone': (request) => mfa.addRecoveryPhone(request.phoneNumber),
    'mfa:passcode': (request) => mfa.passcode(request.code, request.remember),
    'mfa:push-start': () => mfa.startPush(),
    'mfa:push-wait': (request) => mfa.waitPush(request.remember),
    'mfa:push-cancel': () => mfa.cancelPush(),
    'mfa:passkey-start': () => mfa.startPasskey(),
    'mfa:passkey-wait': (request) => mfa.waitPasskey(request.remember),
    'mfa:get-account': () => mfa.account(),
    'mfa:step-up': (request) => mfa.confirmIdentity(request.password, request.code),
    'mfa:rename-device': (request) => mfa.renameDevice(request.id, request.name),
    'mfa:remove-device': (request) => mfa.removeDevice(request.id),
    'mfa:forget-this-device': () => mfa.forgetThisDevice(),
  };
}
