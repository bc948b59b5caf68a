/** Core of the contract: errors, results, app info, the sign-in state machine and the launcher. Types only (see `../contract.ts`). */

import type { PortalApp } from '../api/apps';
import type { VaultInfo } from './desktop';
import type { MfaAuthState } from './mfa-steps';
import type { PasswordAuthState } from './passwords';

/** A failure main reports to the renderer. `code` picks the screen to show. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Extra, non-secret facts for the UI (e.g. `attemptsLeft`, `retryAfterSeconds`). */
  details?: Record<string, string | number | boolean>;
}

export type ErrorCode =
  | 'invalid_request'
  | 'invalid_credentials'
  | 'locked'
  | 'session_expired'
  | 'not_signed_in'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'connection_failed'
  | 'portal_error'
  | 'launch_blocked'
  | 'unknown_channel'
  | 'forbidden_sender'
  | 'internal'
  // Second factor (`details.reason` says which: invalid, replayed, …).
  | 'invalid_code'
  | 'flow_expired'
  | 'conflict';

/** Every invoke answers with a Result; errors never cross as thrown objects. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface AppInfo {
  version: string;
  /** Which shell hosts main: the Electron app or the loopback browser host. */
  shell: 'electron' | 'browser';
  platform: string;
  /** Portal the client points at by default (from config / `--portal`). */
  defaultPortalUrl: string;
  /** Where secrets are kept, so the UI can say when it is this session only (and why). */
  vault?: VaultInfo;
  /** The local portal started with this client is still starting (`portal:started` follows). */
  portalStarting?: boolean;
}

export interface Branding {
  /** Portal's display name, e.g. "Acme Cloud". Portico's own brand is neutral. */
  name: string;
  supportPhones: string[];
  supportEmail: string;
}

export interface UserSummary {
  username: string;
  displayName: string;
  roles: string[];
}

/** Why the user is looking at the sign-in form. */
export type SignedOutReason =
  'signed-out' | 'session-expired' | 'connection-lost' | 'start' | 'password-changed';

/**
 * The sign-in state machine as the renderer sees it. The portal answers each
 * sign-in step with the next required step; later steps (second factor,
 * enrollment, password change) arrive as further `status` variants.
 */
export type AuthState =
  | {
      status: 'signed-out';
      portalUrl: string;
      /** Kept so the sign-in form is pre-filled after an expiry. */
      lastUsername: string;
      reason: SignedOutReason;
    }
  | {
      status: 'signed-in';
      portalUrl: string;
      user: UserSummary;
      /** ISO time when the portal will end the session if the user stays idle. */
      idleExpiresAt: string;
    }
  | PasswordAuthState
  | MfaAuthState;

export interface SignInRequest {
  portalUrl: string;
  username: string;
  password: string;
}

export type LaunchMethod = PortalApp['methods'][number];

/** One tile of the launcher grid (also the tray's app list): the portal's catalogue entry and this install's marks. */
export interface AppTile extends PortalApp {
  favorite: boolean;
  /** ISO time of the last launch from this install, if any. */
  lastLaunchedAt: string | null;
}

/**
 * How the user wants tiles to start (*Change Citrix Receiver* → *Use light
 * version*): the installed client, or the light version where an app has one.
 * Kept per portal and per user.
 */
export type LaunchPreference = 'native' | 'light';

export interface LaunchRequest {
  appId: string;
  /** `native` hands an ICA/RDP file to the installed client; `web` is the light version. */
  mode: 'native' | 'web';
}

export type LaunchResult =
  | {
      status: 'launched';
      method: LaunchMethod;
      /** Light version in the browser host: the page opens this portal address in a new tab of the same browser. */
      url?: string;
    }
  | {
      status: 'no-client';
      /** The native client the user should install, e.g. "Citrix Workspace app". */
      clientName: string;
      webAvailable: boolean;
    };

export interface FavoriteRequest {
  appId: string;
  favorite: boolean;
}
