/** Second factor and activation. Types only (see `../contract.ts`). */

import type { AuthState } from './core';
import type { LoginPreference, MfaDevice } from './mfa-steps';

/** The device picked in the wizard. */
export interface NewDeviceRequest {
  kind: 'mobile' | 'tablet' | 'authenticator';
  /** With country code, e.g. "+1 602 555 0100" (mobile phones). */
  phoneNumber?: string;
  phoneType?: 'iphone' | 'android' | 'other';
}

/** What the enrollment screen shows (the key is meant to be shown). */
export interface EnrollmentInfo {
  /** Base32 key, to type into the app by hand. */
  secret: string;
  otpauthUri: string;
  /** QR code of `otpauthUri` (a `data:image/png` URL, rendered in main). */
  qrDataUrl: string;
  /** Link that binds the phone's browser as the approver page. */
  bindUrl: string;
  bindQrDataUrl: string;
  expiresAt: string;
}

/** A confirmed device (null on the devices page, which reloads its list) and the state that follows. */
export interface EnrollConfirmed {
  device: MfaDevice | null;
  auth: AuthState;
}

/** A fresh set of backup codes and the file *Download codes* saves. */
export interface BackupCodesInfo {
  codes: string[];
  fileName: string;
  fileText: string;
}

export interface PushStarted {
  expiresAt: string;
  /** Verified push: the 3 digits to type on the phone (absent when the portal does not ask for one). */
  code?: string;
}

export type PushWaitResult =
  | {
      state: 'pending' | 'denied' | 'expired' | 'reported' | 'cancelled';
      expiresAt: string;
      /** `wrong_code`: the phone was given another code, so the push was denied. */
      reason?: 'wrong_code';
      /** After a denial counted toward the lockout: the attempts left, when few remain. */
      attemptsLeft?: number;
    }
  | { state: 'approved'; auth: AuthState };

/** The devices page. */
export interface AccountMfa {
  devices: MfaDevice[];
  preference: LoginPreference;
  backupCodesLeft: number;
  hasBackupCodes: boolean;
  /** When this install stops skipping the second factor, if remembered. */
  rememberedUntil: string | null;
  /** Until the account has two ways in (a device + backup codes, or two devices). */
  recoveryReady: boolean;
  /** True while a step-up (password + factor) is fresh. */
  steppedUp: boolean;
  activity: Array<{ at: string; type: string }>;
}
