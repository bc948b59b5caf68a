/**
 * The Ports the browser host gives `compose()`: no OS keychain (secrets stay
 * in memory for the session), JSON settings in the data folder, the desktop's
 * opener (or recorders for end-to-end tests), stdout notifications (the app
 * core also sends each one to the page, which shows it to the user).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Notifier, OsLauncher, Ports, SecretCipher, WebSessionOpener } from '../ports';
import { JsonSettingsStore } from '../services/storage/json-settings-store';
import { originOf } from '../shell-guards';
import { createRecordingLauncher, createRecordingWebSessions, LaunchRecorder } from './recording-ports';
import { createSystemLauncher } from './system-launcher';
import { createNativeClientProbe, everyClientProbe, type NativeClientProbe } from '../services/launcher/native-clients';

/** Why the browser host never persists secrets; shown to the user. */
export const NO_KEYCHAIN_REASON =
  'The browser version has no access to the OS keychain, so secrets are kept for this session only.';

/** A cipher that refuses to persist: there is no OS keychain behind the browser host. */
export function createSessionOnlyCipher(): SecretCipher {
  const refuse = (): never => {
    throw new Error(NO_KEYCHAIN_REASON);
  };
  return {
    canPersist: () => false,
    unavailableReason: () => NO_KEYCHAIN_REASON,
    encrypt: refuse,
    decrypt: refuse,
  };
}

/**
 * Notifications go to the host's stdout as a record (titles and bodies carry no
 * secrets); the user sees them through the page (`desktop:notice`, see `compose`).
 */
export function createConsoleNotifier(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Notifier {
  return { notify: (title, body) => write(`[notification] ${title}: ${body}`) };
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/**
 * The light version opens in a new tab of the browser the page runs in: the
 * checked URL goes back to the page, which opens it (the desktop's opener
 * may pick another browser, or none at all on a server without a desktop).
 */
export function createBrowserWebSessions(): WebSessionOpener {
  return {
    open: async (url, options) => {
      const origin = originOf(url);
      if (
        origin === null ||
        origin !== originOf(options.allowedOrigin) ||
        !/^https?:$/.test(new URL(url).protocol)
      ) {
        throw new Error('The web session address is not on the approved origin.');
      }
      return { openInPage: url };
    },
  };
}

/** Options for {@link createBrowserHostPorts}. */
export interface BrowserHostPortOptions {
  dataDir: string;
  /** When set, launches and web sessions are recorded here instead of opened. */
  recordLaunchesDir?: string;
  osLauncher?: OsLauncher;
  webSessions?: WebSessionOpener;
  nativeClients?: NativeClientProbe;
  notifier?: Notifier;
  fetch?: typeof fetch;
}

/** Builds the Ports for the browser host; creates `dataDir` and `dataDir/tmp` (mode 0700). */
export function createBrowserHostPorts(options: BrowserHostPortOptions): Ports {
  const temp = join(options.dataDir, 'tmp');
  mkdirSync(temp, { recursive: true, mode: 0o700 });
  const recorder = options.recordLaunchesDir ? new LaunchRecorder(options.recordLaunchesDir) : null;
  return {
    cipher: createSessionOnlyCipher(),
    settings: new JsonSettingsStore(join(options.dataDir, 'settings.json')),
    osLauncher: options.osLauncher ?? (recorder ? createRecordingLauncher(recorder) : createSystemLauncher()),
    webSessions:
      options.webSessions ?? (recorder ? createRecordingWebSessions(recorder) : createBrowserWebSessions()),
    // The recorder "opens" every file, so it stands for a machine with both clients.
    nativeClients: options.nativeClients ?? (recorder ? everyClientProbe : createNativeClientProbe()),
    notifier: options.notifier ?? createConsoleNotifier(),
    clock: systemClock,
    paths: { userData: options.dataDir, temp },
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
  };
}
