/** Desktop integration. Types only (see `../contract.ts`). */

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
  /** Show notifications (push waiting, transfers, password expiring, session ended); on by default. */
  notifications: boolean;
  /** Which of these this shell can honour (the browser host has no tray or login items). */
  supported: { closeToTray: boolean; startAtLogin: boolean };
}

export interface DesktopSettingsPatch {
  closeToTray?: boolean;
  startAtLogin?: boolean;
  notifications?: boolean;
}

/**
 * A notification main asks the page to show (browser host only: Electron
 * shows it through the OS). Texts are Portico's own, never server strings.
 */
export interface DesktopNotice {
  title: string;
  body: string;
  /** Only worth showing when the user is not looking at Portico (e.g. a push is waiting). */
  whenAway: boolean;
}
