/** The channel maps: invoke channels (name → the function main implements), events, and the DesktopApi built from them. Types only (see `../contract.ts`). */

import type {
  ActiveItemProgress,
  ConflictChoice,
  ConflictPolicy,
  RemoteEntry,
  TransferTotals,
} from './transfer-items';
import type * as Admin from './admin';
import type {
  AppInfo,
  AppTile,
  AuthState,
  Branding,
  FavoriteRequest,
  LaunchPreference,
  LaunchRequest,
  LaunchResult,
  Result,
  SignInRequest,
} from './core';
import type { DesktopNotice, DesktopSettings, DesktopSettingsPatch, DiagnosticsSaveResult } from './desktop';
import type { AccountMfa, BackupCodesInfo, EnrollConfirmed, EnrollmentInfo, NewDeviceRequest, PushStarted, PushWaitResult } from './mfa';
import type { LoginPreference, MfaDevice } from './mfa-steps';
import type {
  ChangePasswordRequest,
  PasswordPolicyInfo,
  PasswordStatus,
  ResetPushStarted,
  ResetPushWaitResult,
  ResetState,
  SecurityAnswersRequest,
  SecurityQuestionOption,
  ChosenSecurityQuestion,
  UpdateSecurityQuestionsRequest,
} from './passwords';
import type {
  BatchResult,
  DownloadChunk,
  DownloadTreeEntry,
  DragOutChunk,
  DragOutTicket,
  EnqueueResult,
  TaskbarProgress,
  TransferConflictView,
  TransferItemView,
  TransferPage,
  TransfersQueueState,
  TransfersSnapshot,
  UploadBeginRequest,
  UploadChunk,
} from './transfers';

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
  /** The signed-in user's launch preference on this portal (`native` until chosen). */
  'apps:get-launch-preference': () => LaunchPreference;
  'apps:set-launch-preference': (request: { preference: LaunchPreference }) => LaunchPreference;
  // ── File transfers (types in contract/transfers.ts) ──
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
  /** Browser host: the finished files and empty folders of a download batch, with their paths in the tree. */
  'transfers:download-tree': (request: { batchId: number }) => DownloadTreeEntry[];
  /** Browser host: a single-use ticket to drag a remote file out of the window (`forbidden` in Electron). */
  'transfers:drag-out-prepare': (request: { path: string }) => DragOutTicket;
  /** Browser host's HTTP route: the first read (offset 0) claims the ticket and starts the download; then chunks in order. */
  'transfers:drag-out-read': (request: { token: string; offset: number }) => DragOutChunk;
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
  // ── Desktop integration (types in contract/desktop.ts) ──
  /** Electron: native save dialog, then writes the file. Browser host: returns the text for the page to download. */
  'diagnostics:save': () => DiagnosticsSaveResult;
  'desktop:get-settings': () => DesktopSettings;
  'desktop:set-settings': (patch: DesktopSettingsPatch) => DesktopSettings;
  // ── Passwords, security questions, reset (types in contract/passwords.ts) ──
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
  /** The signed-in user's current questions (never the answers). */
  'security-questions:current': () => ChosenSecurityQuestion[];
  /** Changes the questions from the account page (requires the password). */
  'security-questions:update': (request: UpdateSecurityQuestionsRequest) => void;
  /** *Forgot your password?* */
  'reset:start': (request: { portalUrl: string; username: string }) => ResetState;
  'reset:answer': (request: { answers: string[] }) => ResetState;
  'reset:passcode': (request: { code: string }) => ResetState;
  /** *Send Me a Push* as the reset's second factor (the account has a bound phone). */
  'reset:push-start': () => ResetPushStarted;
  /** Waits (up to ~25 s per call) for the phone's answer; call again while `pending`. */
  'reset:push-wait': () => ResetPushWaitResult;
  'reset:push-cancel': () => void;
  /** Sets the new password and signs in. */
  'reset:set-password': (request: { newPassword: string }) => AuthState;
  'reset:cancel': () => ResetState;
  // ── Second factor and activation (types in contract/mfa.ts) ──
  /** Enrollment (activation step `enroll`, or after `mfa:step-up` on the devices page). */
  'mfa:enroll-start': (request: NewDeviceRequest) => EnrollmentInfo;
  /** Whether the phone page opened the binding link yet. */
  'mfa:enroll-status': () => { pushBound: boolean };
  /** Confirms the new device with a 6-digit code; answers the device and the next state. */
  'mfa:enroll-confirm': (request: { code: string }) => EnrollConfirmed;
  /** "When I log in" (during activation or signed in). */
  'mfa:set-preference': (request: { preference: LoginPreference }) => LoginPreference;
  /** New backup codes (activation step, or after `mfa:step-up`); old ones stop working. */
  'mfa:backup-codes': () => BackupCodesInfo;
  /** "I saved them": activation continues. */
  'mfa:backup-codes-saved': () => AuthState;
  /** *Add recovery phone* (activation step `backup_codes`): the number Support can call. */
  'mfa:recovery-phone': (request: { phoneNumber: string }) => { recoveryPhone: string };
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
  // ── New-user requests and administration (types in contract/admin.ts) ──
  /** *Request a new user* (any signed-in user); a request for the same e-mail is merged. */
  'requests:create': (request: Admin.NewUserRequestInput) => Admin.FiledUserRequest;
  /** *My requests* with their live status. */
  'requests:list-mine': () => Admin.MyUserRequest[];
  /** Administration (managers only; others get `forbidden`). */
  'admin:list-requests': (request: { status: 'pending' | 'all' }) => Admin.AdminUserRequest[];
  /** Creates the account; the temporary password is in this answer only. */
  'admin:approve-request': (request: { id: string; username: string }) => Admin.ApprovedAccount;
  'admin:decline-request': (request: { id: string; reason: string }) => Admin.AdminUserRequest;
  'admin:list-users': (request: { query: string }) => Admin.AdminUser[];
  'admin:user-action': (request: { username: string; action: Admin.AdminUserAction }) => Admin.AdminUser;
  /** A new temporary password (the old one expired or was lost); in this answer only. */
  'admin:issue-temporary-password': (request: { username: string }) => Admin.IssuedTemporaryPassword;
  'admin:list-activity': (filter: Admin.ActivityFilter) => Admin.ActivityEvent[];
  /** The filtered log as CSV text, for the page to save as a file. */
  'admin:export-activity': (filter: Admin.ActivityFilter) => { filename: string; csv: string };
}

export type InvokeChannel = keyof InvokeChannels;
export type InvokeArgs<C extends InvokeChannel> = Parameters<InvokeChannels[C]>;
export type InvokeValue<C extends InvokeChannel> = ReturnType<InvokeChannels[C]>;

/** Events main pushes to the renderer: name → payload. */
export interface EventChannels {
  'auth:changed': AuthState;
  'apps:changed': AppTile[];
  // ── File transfers ──
  'transfers:progress': { totals: TransferTotals; active: ActiveItemProgress[] };
  'transfers:item': TransferItemView;
  /** Many items changed (enqueue, retry, clear) or the run state changed: re-read pages. */
  'transfers:queue-changed': TransfersQueueState & { items: number };
  'transfers:conflict': TransferConflictView;
  'transfers:batch-finished': BatchResult;
  /** For the taskbar/dock progress bar (`BrowserWindow.setProgressBar`). */
  'transfers:taskbar-progress': TaskbarProgress;
  // ── Deep links: a `portico://open?portal=…` link asks the sign-in form to use this portal ──
  'desktop:open-portal': { portalUrl: string };
  /** Browser host: a notification for the page to show (Web Notifications when allowed, else an in-app toast). */
  'desktop:notice': DesktopNotice;
  /** Browser host: the page's own transport says its host went away or came back (never sent by main). */
  'desktop:host-connection': { connected: boolean };
  /** Electron: File → Settings… asks the page to show its Settings screen (while signed in). */
  'desktop:open-settings': Record<string, never>;
  /** The desktop settings changed (from the Settings screen, the native menu or the tray): every view shows the new values. */
  'desktop:settings-changed': DesktopSettings;
  // ── Passwords ──
  /** The signed-in user's password expiry (after sign-in and once a day). */
  'password:status': PasswordStatus | null;
}

export type EventChannel = keyof EventChannels;

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

declare global {
  interface Window {
    portico?: DesktopApi;
  }
}
