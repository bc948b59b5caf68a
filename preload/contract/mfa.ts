/** Second factor and activation. Types only (see `../contract.ts`). */

import type { AuthState } from './core';

/** "When I log in": ask which method (default), or send a push automatically. */
export type LoginPreference = 'ask' | 'push';

/** An enrolled device (no secret). */
export interface MfaDevice {
  id: string;
  kind: 'mobile' | 'tablet' | 'authenticator';
  name: string;
  phoneNumber: string | null;
  phoneType: string | null;
  /** True when the phone's approver page is bound (pushes possible). */
  canPush: boolean;
  addedAt: string;
}

/** Sign-in states of the second factor and activation. */
export type MfaAuthState =
  | {
      /** *Protect your account*: no device yet. */
      status: 'enroll';
      portalUrl: string;
      username: string;
      displayName: string;
      /** Activation steps in order (from the portal), for a progress line. */
      activation: string[];
    }
  | {
      /** *Choose an authentication method*. */
      status: 'second-factor';
      portalUrl: string;
      username: string;
      methods: Array<'push' | 'passcode'>;
      preference: LoginPreference;
      rememberHours: number;
      pushExpirySeconds: number;
    }
  | {
      /** *My Settings & Devices* review, then one-time backup codes. */
      status: 'backup-codes';
      portalUrl: string;
      username: string;
      devices: MfaDevice[];
      preference: LoginPreference;
      activation: string[];
    };

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

/** A fresh set of backup codes and the file *Download codes* saves. */
export interface BackupCodesInfo {
  codes: string[];
  fileName: string;
  fileText: string;
}

export interface PushStarted {
  expiresAt: string;
}

export type PushWaitResult =
  | { state: 'pending' | 'denied' | 'expired' | 'reported' | 'cancelled'; expiresAt: string }
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
