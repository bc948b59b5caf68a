/**
 * The second factor a forgotten-password reset requires after the security
 * questions. The MFA feature owns devices and codes and implements
 * {@link ResetSecondFactor} (`mfa/reset-verifier.ts`); an account with no
 * usable second factor cannot reset (never questions alone).
 */
import type { UserRecord } from './users';

/** Ways a user can prove the second factor during a reset. */
export type ResetFactorMethod = 'passcode' | 'push';

/** Implemented by the MFA feature. */
export interface ResetSecondFactor {
  /** Methods the account has enrolled (empty: the reset cannot go on). */
  methods(user: UserRecord): Promise<ResetFactorMethod[]>;
  /** Checks an authenticator or backup code (single use; the implementation records replays). */
  verifyPasscode(user: UserRecord, code: string): Promise<boolean>;
  /**
   * Sends a push to the user's phone for this reset; `flowKey` ties it to
   * the reset (push limits apply: `429 rate_limited`). `address` is the
   * client's, shown on the phone.
   */
  sendPush(user: UserRecord, flowKey: string, address: string): Promise<{ id: string; expiresAt: string }>;
  /** Whether push `pushId` of this reset was approved on one of the user's devices. */
  pushApproved(user: UserRecord, flowKey: string, pushId: string): Promise<boolean>;
}
