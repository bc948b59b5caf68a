/**
 * The typed contract between the renderer and main. TYPES ONLY: nothing here
 * may produce JavaScript, so every importer uses `import type`.
 *
 * Invoke channels map a channel name to the function main implements. Both
 * ends derive their signatures from this map (`Parameters<>`/`ReturnType<>`),
 * and `main/ipc/schemas.ts` holds one runtime schema per channel written with
 * `satisfies` against it, so the three cannot drift.
 */

import type {
  ActiveItemProgress,
  ConflictChoice,
  ConflictPolicy,
  RemoteEntry,
  TransferDirection,
  TransferStatus,
  TransferTotals,
} from '../main/services/transfers/types';

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
  // Issue 3: second factor (`details.reason` says which: invalid, replayed, …).
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
  /** Issue 6: where secrets are kept, so the UI can say when it is this session only (and why). */
  vault?: VaultInfo;
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

export type LaunchMethod = 'ica' | 'rdp' | 'web';

/** One tile of the launcher grid (also the tray's app list). */
export interface AppTile {
  id: string;
  name: string;
  description: string;
  /** Key of a bundled icon; unknown keys fall back to a generic icon. */
  icon: string;
  kind: 'app' | 'desktop';
  methods: LaunchMethod[];
  favorite: boolean;
  /** ISO time of the last launch from this install, if any. */
  lastLaunchedAt: string | null;
}

export interface LaunchRequest {
  appId: string;
  /** `native` hands an ICA/RDP file to the installed client; `web` is the light version. */
  mode: 'native' | 'web';
}

export type LaunchResult =
  | { status: 'launched'; method: LaunchMethod }
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

/** Invoke channels: name → the function main implements. */
export interface InvokeChannels {
  'app:get-info': () => AppInfo;
  'portal:get-branding': () => Branding;
  'auth:get-state': () => AuthState;
  'auth:sign-in': (request: SignInRequest) => AuthState;
  'auth:sign-out': () => AuthState;
  'apps:list': () => AppTile[];
  'apps:set-favorite': (request: FavoriteRequest) => AppTile[];
  'apps:launch': (request: LaunchRequest) => LaunchResult;
  // ── Issue 5: transfers (types below, in the transfers block) ──
  'transfers:get-state': () => TransfersSnapshot;
  'transfers:page': (request: { offset: number; limit: number }) => TransferPage;
  'transfers:list-remote': (request: { path: string }) => RemoteEntry[];
  'transfers:create-folder': (request: { parent: string; name: string }) => void;
  'transfers:rename': (request: { path: string; newName: string }) => void;
  'transfers:delete': (request: { path: string; kind: 'file' | 'dir' }) => void;
  /** Electron only: uploads real local paths (from a native dialog or `webUtils.getPathForFile`). */
  'transfers:upload-paths': (request: {
    localPaths: string[];
    remoteDir: string;
    conflict: ConflictPolicy;
  }) => EnqueueResult;
  /** Browser host: announces files whose bytes follow as `upload-chunk`s into a staging folder in main. */
  'transfers:upload-begin': (request: UploadBeginRequest) => { uploadId: string };
  'transfers:upload-chunk': (request: UploadChunk) => void;
  /** All bytes sent: enqueue the staged files as one batch. */
  'transfers:upload-end': (request: { uploadId: string }) => EnqueueResult;
  'transfers:upload-abort': (request: { uploadId: string }) => void;
  /** Browser host: downloads into main's `downloads/` folder, read back with `transfers:read-download`. */
  'transfers:download': (request: { remotePaths: string[]; conflict: ConflictPolicy }) => EnqueueResult;
  /** Electron only: downloads into a local folder the user chose in a native dialog. */
  'transfers:download-to': (request: {
    remotePaths: string[];
    localDir: string;
    conflict: ConflictPolicy;
  }) => EnqueueResult;
  /** Browser host: reads a finished download from main in chunks (base64), to hand to the page as a file. */
  'transfers:read-download': (request: { itemId: number; offset: number }) => DownloadChunk;
  /** Electron only: native dialogs (not available in the browser host: `invalid_request`). */
  'transfers:pick-files': () => string[];
  'transfers:pick-folder': () => string | null;
  'transfers:pause': (request: { ids: number[] }) => void;
  'transfers:resume': (request: { ids: number[] }) => void;
  'transfers:cancel': (request: { ids: number[] }) => void;
  /** The whole queue (running transfers stop and later continue where they were). */
  'transfers:pause-all': () => void;
  'transfers:resume-all': () => void;
  /** Every unfinished item. */
  'transfers:cancel-all': () => void;
  'transfers:move': (request: { id: number; toIndex: number }) => void;
  'transfers:retry-failed': () => number;
  'transfers:resolve-conflict': (request: {
    id: number;
    choice: ConflictChoice;
    applyToBatch: boolean;
  }) => void;
  'transfers:clear-finished': () => number;
  // ── Issue 6: desktop integration (types in the desktop block) ──
  /** Electron: native save dialog, then writes the file. Browser host: returns the text for the page to download. */
  'diagnostics:save': () => DiagnosticsSaveResult;
  'desktop:get-settings': () => DesktopSettings;
  'desktop:set-settings': (patch: DesktopSettingsPatch) => DesktopSettings;
  // ── Issue 4: passwords, security questions, reset (types in the issue 4 block) ──
  /** The portal's password policy (public), for the live checklist. */
  'password:get-policy': () => PasswordPolicyInfo;
  /** Expiry of the signed-in user's password; null when not signed in. */
  'password:get-status': () => PasswordStatus | null;
  /** *Change password…*: on success the user is logged off everywhere (`signed-out`, `password-changed`). */
  'password:change': (request: ChangePasswordRequest) => AuthState;
  /** Sign-in step `change-password` (temporary or expired password); then logged off. */
  'auth:set-new-password': (request: { newPassword: string }) => AuthState;
  /** Sign-in step `security-questions`; answers the next state. */
  'auth:set-security-questions': (request: SecurityAnswersRequest) => AuthState;
  'security-questions:list': () => SecurityQuestionOption[];
  /** Changes the questions from the account page (requires the password). */
  'security-questions:update': (request: UpdateSecurityQuestionsRequest) => void;
  /** *Forgot your password?* */
  'reset:start': (request: { portalUrl: string; username: string }) => ResetState;
  'reset:answer': (request: { answers: string[] }) => ResetState;
  'reset:passcode': (request: { code: string }) => ResetState;
  /** Sets the new password and signs in. */
  'reset:set-password': (request: { newPassword: string }) => AuthState;
  'reset:cancel': () => ResetState;
  // ── Issue 3: second factor and activation (types in the issue 3 block) ──
  /** Enrollment (activation step `enroll`, or after `mfa:step-up` on the devices page). */
  'mfa:enroll-start': (request: NewDeviceRequest) => EnrollmentInfo;
  /** Whether the phone page opened the binding link yet. */
  'mfa:enroll-status': () => { pushBound: boolean };
  /** Confirms the new device with a 6-digit code; answers the next state. */
  'mfa:enroll-confirm': (request: { code: string }) => AuthState;
  /** "When I log in" (during activation or signed in). */
  'mfa:set-preference': (request: { preference: LoginPreference }) => LoginPreference;
  /** New backup codes (activation step, or after `mfa:step-up`); old ones stop working. */
  'mfa:backup-codes': () => BackupCodesInfo;
  /** "I saved them": activation continues. */
  'mfa:backup-codes-saved': () => AuthState;
  /** *Enter a Passcode*: authenticator or backup code. */
  'mfa:passcode': (request: { code: string; remember: boolean }) => AuthState;
  /** *Send Me a Push*. */
  'mfa:push-start': () => PushStarted;
  /** Waits (up to ~25 s per call) for the phone's answer; call again while `pending`. */
  'mfa:push-wait': (request: { remember: boolean }) => PushWaitResult;
  'mfa:push-cancel': () => void;
  /** *My Settings & Devices*. */
  'mfa:get-account': () => AccountMfa;
  /** Password + current factor again before adding/removing a method or new codes. */
  'mfa:step-up': (request: { password: string; code: string }) => { expiresAt: string };
  'mfa:rename-device': (request: { id: string; name: string }) => MfaDevice[];
  'mfa:remove-device': (request: { id: string }) => MfaDevice[];
  /** *Forget this device*: drops the remember-me token of this install. */
  'mfa:forget-this-device': () => AccountMfa;
  // ── Issue 7: new-user requests and administration (types in the issue 7 block) ──
  /** *Request a new user* (any signed-in user); a request for the same e-mail is merged. */
  'requests:create': (request: NewUserRequestInput) => FiledUserRequest;
  /** *My requests* with their live status. */
  'requests:list-mine': () => MyUserRequest[];
  /** Administration (managers only; others get `forbidden`). */
  'admin:list-requests': (request: { status: 'pending' | 'all' }) => AdminUserRequest[];
  /** Creates the account; the temporary password is in this answer only. */
  'admin:approve-request': (request: { id: string; username: string }) => ApprovedAccount;
  'admin:decline-request': (request: { id: string; reason: string }) => AdminUserRequest;
  'admin:list-users': (request: { query: string }) => AdminUser[];
  'admin:user-action': (request: { username: string; action: AdminUserAction }) => AdminUser;
  'admin:list-activity': (filter: ActivityFilter) => ActivityEvent[];
  /** The filtered log as CSV text, for the page to save as a file. */
  'admin:export-activity': (filter: ActivityFilter) => { filename: string; csv: string };
}

export type InvokeChannel = keyof InvokeChannels;
export type InvokeArgs<C extends InvokeChannel> = Parameters<InvokeChannels[C]>;
export type InvokeValue<C extends InvokeChannel> = ReturnType<InvokeChannels[C]>;

/** Events main pushes to the renderer: name → payload. */
export interface EventChannels {
  'auth:changed': AuthState;
  'apps:changed': AppTile[];
  // ── Issue 5: transfers ──
  'transfers:progress': { totals: TransferTotals; active: ActiveItemProgress[] };
  'transfers:item': TransferItemView;
  /** Many items changed (enqueue, retry, clear) or the run state changed: re-read pages. */
  'transfers:queue-changed': TransfersQueueState & { items: number };
  'transfers:conflict': TransferConflictView;
  'transfers:batch-finished': BatchResult;
  /** For the taskbar/dock progress bar (`BrowserWindow.setProgressBar`). */
  'transfers:taskbar-progress': TaskbarProgress;
  // ── Issue 6: a `portico://open?portal=…` link asks the sign-in form to use this portal ──
  'desktop:open-portal': { portalUrl: string };
  // ── Issue 4 ──
  /** The signed-in user's password expiry (after sign-in and once a day). */
  'password:status': PasswordStatus | null;
}

// ── Issue 4: passwords, security questions, reset and lockout block ─────────

/** Sign-in steps of issue 4, shown as `AuthState` variants. */
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

/** Mirrors `server/policy/password-policy.ts` `PasswordPolicy` (the renderer evaluates with that module). */
export interface PasswordPolicyInfo {
  minLength: number;
  maxLength: number;
  minClasses: number;
  historyCount: number;
  maxAgeDays: number | null;
  reminderDays: number;
  notifyDays: number;
  blocklist: boolean;
  rejectUsername: boolean;
}

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

/** Where a forgotten-password reset stands (the reset token stays in main). */
export type ResetState =
  | { stage: 'idle' }
  | { stage: 'questions'; username: string; questions: string[] }
  | { stage: 'second-factor'; username: string; methods: Array<'passcode' | 'push'> }
  | { stage: 'new-password'; username: string; policy: PasswordPolicyInfo };

export type EventChannel = keyof EventChannels;

// ── Issue 5: transfers block ──────────────────────────────────────────────
// Plain data, no secrets: the transfer token never reaches the renderer.
// The engine's own plain-data types (imported at the top) are the UI's too.
export type {
  ActiveItemProgress,
  ConflictChoice,
  ConflictPolicy,
  RemoteEntry,
  TransferDirection,
  TransferStatus,
  TransferTotals,
};

/** One queued file as the UI shows it. */
export interface TransferItemView {
  id: number;
  batchId: number;
  direction: TransferDirection;
  /** File name (last segment) for display. */
  name: string;
  /** Remote path: the target of an upload, the source of a download. */
  remotePath: string;
  /** -1 while unknown. */
  size: number;
  transferred: number;
  status: TransferStatus;
  attempts: number;
  /** Why it failed (kept on failed items), or why a queued item waits. */
  error?: { code: string; message: string };
}

export interface TransferPage {
  total: number;
  offset: number;
  items: TransferItemView[];
}

/**
 * `waiting-credentials` with reason `session_expired`: the queue waits until
 * the user signs in again (nothing restarts from zero).
 */
export interface TransfersQueueState {
  state: 'running' | 'paused' | 'waiting-credentials' | 'signed-out';
  reason?: 'session_expired' | 'credentials_expired' | 'token_revoked' | 'unavailable';
  connections: number;
  connectionLimit: number;
}

export interface TransfersSnapshot {
  queue: TransfersQueueState & { items: number };
  totals: TransferTotals;
  /** Conflicts waiting for an answer. */
  conflicts: TransferConflictView[];
  /** Whether this shell can use native dialogs and real local paths (Electron). */
  nativeFiles: boolean;
}

export interface TransferConflictView {
  itemId: number;
  batchId: number;
  direction: TransferDirection;
  name: string;
  remotePath: string;
  existingSize: number;
  existingModifiedAt: string | null;
  incomingSize: number;
  incomingModifiedAt: string | null;
}

export interface BatchResult {
  batchId: number;
  direction: TransferDirection;
  succeeded: number;
  failed: number;
  skipped: number;
}

export interface TaskbarProgress {
  /** 0..1 while transferring; null = no bar. */
  fraction: number | null;
  mode: 'none' | 'normal' | 'paused' | 'error';
}

export interface EnqueueResult {
  batchId: number;
  count: number;
}

/** One file of a browser-host upload; `relativePath` keeps dropped folders' structure (`a/b/c.txt`). */
export interface UploadFileSpec {
  relativePath: string;
  size: number;
  /** Epoch ms of the local file (for "overwrite if newer"). */
  lastModified: number;
}

export interface UploadBeginRequest {
  remoteDir: string;
  conflict: ConflictPolicy;
  files: UploadFileSpec[];
}

/** Bytes of one staged file at `offset`; `data` is base64 of at most 128 KiB. */
export interface UploadChunk {
  uploadId: string;
  fileIndex: number;
  offset: number;
  data: string;
}

export interface DownloadChunk {
  name: string;
  size: number;
  /** base64, at most 128 KiB. */
  data: string;
  eof: boolean;
}

// ── Issue 6: desktop block ─────────────────────────────────────────────────

/** Where secrets are kept (`core.vaultStatus()`), for the user. */
export interface VaultInfo {
  /** True when secrets survive a restart (sealed by the OS keychain). */
  persistent: boolean;
  /** Why secrets are kept for this session only, when they are. */
  reason: string | null;
  /** A problem found at start-up (e.g. an unreadable store kept aside). */
  problem: string | null;
}

/** What *Save diagnostics…* did. */
export type DiagnosticsSaveResult =
  | { status: 'saved'; fileName: string }
  | { status: 'cancelled' }
  /** Browser host: no native dialog, the page offers `text` as a download named `fileName`. */
  | { status: 'download'; fileName: string; text: string };

/** Desktop preferences (non-secret). */
export interface DesktopSettings {
  /** Closing the window keeps Portico running in the tray. */
  closeToTray: boolean;
  /** Start Portico when the user logs in to the computer (opt-in). */
  startAtLogin: boolean;
  /** Which of these this shell can honour (the browser host has no tray or login items). */
  supported: { closeToTray: boolean; startAtLogin: boolean };
}

export interface DesktopSettingsPatch {
  closeToTray?: boolean;
  startAtLogin?: boolean;
}

/** What the renderer gets as `window.portico`. */
export type DesktopApi = {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<InvokeValue<C>>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventChannels[E]) => void): () => void;
};

/** The minimal transport a shell provides; `bridge.ts` builds the DesktopApi from it. */
export interface BridgeTransport {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

// ── Issue 3: second factor and activation ─────────────────────────────────

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

// ── Issue 7: new-user requests and administration ──────────────────────────

/** What a user fills in to ask for a new account. */
export interface NewUserRequestInput {
  fullName: string;
  email: string;
  note?: string;
}

export type UserRequestStatus = 'pending' | 'approved' | 'declined';

/** A request as the person who filed it sees it. */
export interface MyUserRequest {
  id: string;
  fullName: string;
  email: string;
  note: string | null;
  status: UserRequestStatus;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  declineReason: string | null;
}

/** The answer to *Request a new user*: `merged` when an open request for that e-mail existed. */
export interface FiledUserRequest {
  request: MyUserRequest;
  merged: boolean;
}

/** A request as managers see it. */
export interface AdminUserRequest extends MyUserRequest {
  timesRequested: number;
  requestedBy: string[];
  decidedBy: string | null;
  createdUsername: string | null;
  suggestedUsername: string | null;
}

/** A just-approved account. Shown once; never stored on the client. */
export interface ApprovedAccount {
  request: AdminUserRequest;
  username: string;
  temporaryPassword: string;
}

/** One row of *Administration → Users*. */
export interface AdminUser {
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  status: 'active' | 'disabled';
  pendingActivation: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  lockedUntil: string | null;
  passwordExpiresInDays: number | null;
  mfaDevices: number;
  createdAt: string;
}

export type AdminUserAction =
  | 'unlock'
  | 'reset-mfa'
  | 'force-password-change'
  | 'disable'
  | 'enable'
  | 'grant-manager'
  | 'revoke-manager';

/** Filters of *Administration → Activity*. */
export interface ActivityFilter {
  /** An event type, a prefix ending in `.` or `_` (e.g. `mfa.`), or `''` for every type. */
  type: string;
  /** ISO times. */
  since?: string;
  until?: string;
  username?: string;
  /** Free text over type, actor, user and details. */
  text?: string;
}

/** One audit record. */
export interface ActivityEvent {
  id: string;
  at: string;
  actor: string;
  username: string | null;
  type: string;
  /** Non-secret facts, flattened to text for display. */
  detail: Record<string, string>;
}

declare global {
  interface Window {
    portico?: DesktopApi;
  }
}
