/**
 * Every sign-in gate of the portal, in the order they run: after a correct
 * password, the first gate that demands a step decides what the client sees
 * next (`auth/sign-in-flow.ts`). The order is this array's order, and this
 * is the only place it is written down. Gates flagged `activation` are, in
 * this order, the "activation steps" a new user is shown as progress.
 */
import type { AppContext } from './app-context';
import { passwordGates } from './auth/password-gates';
import type { PasswordService } from './auth/password-service';
import type { DeclaredGate } from './auth/sign-in-steps';
import { mfaGates } from './mfa';

/** What the gates read. */
export interface SignInGateDeps extends Pick<AppContext, 'db' | 'clock' | 'config'> {
  passwords: PasswordService;
}

/** The portal's sign-in gates, first to last. */
export function signInGates(deps: SignInGateDeps): readonly DeclaredGate[] {
  const mfa = mfaGates(deps);
  const password = passwordGates(deps.db, deps.passwords);
  return [
    // A new account (or one whose devices were all reset) sets up a second factor first.
    { name: 'enroll', activation: true, check: mfa.enroll },
    // Then proves it, unless this install is remembered. During activation
    // this is the guide's first *Send Me a Push*, right after enrolling.
    { name: 'mfa', activation: true, check: mfa.secondFactor },
    // The activation guide's last step is the security questions; the steps
    // it does not have (backup codes, then the new password) come after it.
    { name: 'security_questions', activation: true, check: password.securityQuestions },
    { name: 'backup_codes', activation: true, check: mfa.backupCodes },
    // Last: a temporary or expired password is replaced before a session is issued.
    { name: 'change_password', activation: true, check: password.changePassword },
  ];
}
