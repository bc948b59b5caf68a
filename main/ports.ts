/**
 * Ports: the small interfaces services take through their constructors.
 * Each shell (Electron, browser host) provides real implementations; tests
 * inject in-memory fakes from `tests/fakes/`.
 */
import type { EventChannel, EventChannels, Result } from '../common/contract';
import type { NativeClientProbe } from './services/launcher/native-clients';

/** Encrypts secrets with the OS keychain. */
export interface SecretCipher {
  /**
   * False where only a plaintext backend exists (Linux `basic_text`/`unknown`,
   * or the browser host): secrets are then kept for the session only.
   */
  canPersist(): boolean;
  /** Why persisting is refused, for the user (e.g. "No OS keychain (basic_text) …"). */
  unavailableReason(): string | null;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** Non-secret key/value settings (electron-store in Electron, a JSON file elsewhere). */
export interface SettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Hands files and URLs to the operating system. */
export interface OsLauncher {
  /** Opens a file with its registered handler; `no-handler` when none is installed. */
  openPath(filePath: string): Promise<{ ok: true } | { ok: false; reason: 'no-handler' | 'failed'; message: string }>;
  /** Opens an external https:/mailto: URL in the default browser. */
  openExternal(url: string): Promise<void>;
}

/**
 * Opens the light version (web session) in a sandboxed, origin-locked window.
 * A shell whose page opens it instead (the browser host: a new tab of the
 * same browser) answers `openInPage` with the checked URL.
 */
export interface WebSessionOpener {
  open(url: string, options: { title: string; allowedOrigin: string }): Promise<void | { openInPage: string }>;
}

/** Desktop notifications. */
export interface Notifier {
  /** `whenAway`: only worth showing when the user is not looking at Portico (the shell decides). */
  notify(title: string, body: string, options?: { whenAway?: boolean }): void;
}

/** Native file dialogs for transfers (Electron only; the desktop shell provides them). */
export interface FileDialogs {
  pickFiles(): Promise<string[]>;
  pickFolder(): Promise<string | null>;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export interface Paths {
  /** Per-user data folder of the client (settings, vault, queue). */
  userData: string;
  /** Folder for short-lived files such as launch files. */
  temp: string;
}

/** Everything `compose()` needs from a shell. */
export interface Ports {
  cipher: SecretCipher;
  settings: SettingsStore;
  osLauncher: OsLauncher;
  webSessions: WebSessionOpener;
  /** Which native launch files (ICA, RDP) this machine can open. */
  nativeClients: NativeClientProbe;
  notifier: Notifier;
  clock: Clock;
  paths: Paths;
  /** `fetch` used for the portal API (injectable for tests). */
  fetch: typeof fetch;
}

/** Who sent an IPC message, as the shell's transport determined it. */
export interface SenderContext {
  /** False when the message did not come from our own window's top frame / our page. */
  trusted: boolean;
  /** Short description for logs (never secrets). */
  description: string;
}

/** The transport-agnostic router the shells forward messages to. Never throws. */
export interface Router {
  handle(channel: string, args: unknown, sender: SenderContext): Promise<Result<unknown>>;
}

/** A listener for one event: gets that event's payload. */
export type EventListener<E extends EventChannel> = (payload: EventChannels[E]) => void;

/** A listener for every event (forwarders): gets the event's name with its payload. */
export type AnyEventListener = <E extends EventChannel>(event: E, payload: EventChannels[E]) => void;

/** Typed events from services to the UI and the tray. Subscriptions return their unsubscribe. */
export interface EventHub {
  emit<E extends EventChannel>(event: E, payload: EventChannels[E]): void;
  /** Subscribes to one event; the listener gets that event's payload type. */
  on<E extends EventChannel>(event: E, listener: EventListener<E>): () => void;
  /** Subscribes to every event: for forwarding them on (renderer, browser-host socket) or recording them. */
  onAny(listener: AnyEventListener): () => void;
}
