/** Passwords, security questions, reset and lockout. Types only (see `../contract.ts`). */

import type { PasswordPolicy } from '../policy/password-policy';

/** Password and security-question sign-in steps, shown as `AuthState` variants. */
export type PasswordAuthState =
  | {
      status: 'security-questions';
      portalUrl: string;
      username: string;
      questions: SecurityQuestionOption[];
      /** Activation steps in order (from the portal), for a progress line. */
      activation: string[];
    }
  | {
      status: 'change-password';
      portalUrl: string;
      username: string;
      reason: 'temporary' | 'expired';
      policy: PasswordPolicyInfo;
      activation: string[];
    };

/** The policy the portal publishes: the evaluator's own rules object (the renderer evaluates with `common/policy/password-policy.ts`). */
export type PasswordPolicyInfo = PasswordPolicy;

export interface PasswordStatus {
  /** ISO time, or null when passwords never expire. */
  expiresAt: string | null;
  daysLeft: number | null;
  /** `remind`: show days left; `notify`: also a daily desktop notification. */
  state: 'ok' | 'remind' | 'notify' | 'expired';
}

export interface SecurityQuestionOption {
  id: string;
  text: string;
}

/** One of the questions the user chose (`id` null: the one they wrote themselves). Never an answer. */
export interface ChosenSecurityQuestion {
  id: string | null;
  text: string;
}

export interface SecurityAnswersRequest {
  chosen: Array<{ questionId: string; answer: string }>;
  custom: { question: string; answer: string };
}

export interface UpdateSecurityQuestionsRequest extends SecurityAnswersRequest {
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/**
 * Where a forgotten-password reset stands (the reset token stays in main):
 * the second factor first (the same choices for every name), then the
 * account's questions, then the new password.
 */
export type ResetState =
  | { stage: 'idle' }
  | { stage: 'second-factor'; username: string; methods: Array<'passcode' | 'push'> }
  | { stage: 'questions'; username: string; questions: string[] }
  | { stage: 'new-password'; username: string; policy: PasswordPolicyInfo };

/** A reset's push was sent to the phone; it expires at `expiresAt` (ISO). */
export interface ResetPushStarted {
  expiresAt: string;
  /** Verified push: the 3 digits to type on the phone. */
  code?: string;
}

/** One long poll of a reset's push: still `pending` (call again), ended, or approved (the reset moves on to the questions). */
export type ResetPushWaitResult =
  | {
      state: 'pending' | 'denied' | 'expired' | 'reported' | 'cancelled';
      expiresAt: string;
      /** After a denial counted toward the lockout: the attempts left, when few remain. */
      attemptsLeft?: number;
      /** `wrong_code`: the phone was given another code, so the push was denied. */
      reason?: 'wrong_code';
    }
  | { state: 'approved'; reset: ResetState };
