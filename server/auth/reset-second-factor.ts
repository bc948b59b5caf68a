/**
 * The second factor a forgotten-password reset asks for first, before any
 * security question is shown. The MFA feature owns devices and codes and
 * implements {@link ResetSecondFactor} (`mfa/reset-verifier.ts`).
 *
 * Every name gets the same choices and the same work: a name without an
 * account (or an account without a phone or an authenticator) is a
 * {@link ResetSubject} without a user, whose push goes to nobody and expires
 * like an unanswered one, and whose codes run the same lookups and hashing
 * and are simply wrong.
 */
import type { UserRecord } from './users';

/** Ways a user can prove the second factor during a reset (a passcode is an authenticator or backup code). */
export type ResetFactorMethod = 'passcode' | 'push';

/** What every reset offers, for every name: the push first, as at sign-in. */
export const RESET_FACTOR_METHODS: readonly ResetFactorMethod[] = Object.freeze(['push', 'passcode']);

/** Who a reset is for: the active account, or none (the name typed, lower-cased, all the same). */
export interface ResetSubject {
  user: UserRecord | null;
  usernameKey: string;
}

/** Implemented by the MFA feature. */
export interface ResetSecondFactor {
  /** Checks an authenticator or backup code (single use); always false without a user, after the same work. */
  verifyPasscode(subject: ResetSubject, code: string): Promise<boolean>;
  /**
   * Sends a push for this reset; `flowKey` ties it to the reset (push limits
   * apply, per user or per name: `429 rate_limited`). `address` is the
   * client's, shown on the phone. Without a user or a phone nobody sees it.
   */
  sendPush(
    subject: ResetSubject,
    flowKey: string,
    address: string,
  ): Promise<{ id: string; expiresAt: string; code?: string }>;
  /** Whether push `pushId` of this reset was approved on one of the user's devices. */
  pushApproved(subject: ResetSubject, flowKey: string, pushId: string): Promise<boolean>;
}
