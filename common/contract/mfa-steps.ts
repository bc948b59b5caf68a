/**
 * The second factor's and activation's sign-in steps, as `AuthState`
 * variants, with the device and preference they show. Types only (see
 * `../contract.ts`); a leaf, so `core.ts` (the `AuthState` union) and
 * `mfa.ts` (whose push answer carries an `AuthState`) can both import it.
 */

/** "When I log in": ask which method (default), or send a push automatically. */
export type LoginPreference = 'ask' | 'push';

/** An enrolled device (no secret). */
export interface MfaDevice {
  id: string;
  kind: 'mobile' | 'tablet' | 'authenticator' | 'passkey';
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
      methods: Array<'push' | 'passkey' | 'passcode'>;
      preference: LoginPreference;
      rememberHours: number;
      pushExpirySeconds: number;
      /** A device was enrolled in this sign-in: the first log on of activation (the guide's green banner). */
      enrolled: boolean;
      /** Activation steps in order (from the portal), for a progress line while `enrolled`. */
      activation: string[];
    }
  | {
      /** The recovery methods: a recovery phone and the one-time backup codes. */
      status: 'backup-codes';
      portalUrl: string;
      username: string;
      devices: MfaDevice[];
      preference: LoginPreference;
      /** The recovery phone (added, or the enrolled mobile phone's number); null until there is one. */
      recoveryPhone: string | null;
      activation: string[];
    };
