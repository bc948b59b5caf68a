/**
 * Read-backs for tests/electron (only when `PORTICO_TEST_HOOKS=1`). Electron
 * has no public way to read a live window's webPreferences or a tray's menu,
 * so the shell records what it passed. Nothing here changes behaviour, and
 * `openExternal` runs the real guard without opening anything.
 */
import type { WebPreferences } from 'electron';
import { isAllowedExternalUrl } from '../shell-guards';

/** What tests read through `app.evaluate(() => globalThis.porticoTestHooks…)`. */
export interface PorticoTestHooks {
  windowPreferences(): Array<Record<string, unknown>>;
  /** Runs the guarded openExternal path; true when the URL would have reached the OS. */
  openExternal(url: string): Promise<boolean>;
  trayLabels(): string[];
  /** Arguments forwarded by second instances, newest last. */
  forwardedArgs(): string[][];
  /** Deep links this instance acted on, as parsed. */
  deepLinks(): unknown[];
}

const windowPreferences: Array<Record<string, unknown>> = [];
let trayLabels: string[] = [];
const forwarded: string[][] = [];
const links: unknown[] = [];

/** True when the test hooks are on for this process. */
export function testHooksEnabled(): boolean {
  return process.env.PORTICO_TEST_HOOKS === '1';
}

/** Records the webPreferences given to a new BrowserWindow (session objects left out). */
export function recordWindowPreferences(prefs: WebPreferences): void {
  if (!testHooksEnabled()) return;
  const plain: Record<string, unknown> = { ...prefs };
  // A Session object does not survive structured cloning to the test runner.
  if ('session' in plain) plain.session = '[session]';
  windowPreferences.push(plain);
}

/** Records the tray's current labels. */
export function recordTrayLabels(labels: string[]): void {
  if (testHooksEnabled()) trayLabels = [...labels];
}

/** Records a second instance's arguments. */
export function recordForwardedArgs(argv: readonly string[]): void {
  if (testHooksEnabled()) forwarded.push([...argv]);
}

/** Records a deep link acted on. */
export function recordDeepLink(link: unknown): void {
  if (testHooksEnabled()) links.push(link);
}

/** Installs `globalThis.porticoTestHooks` when enabled. */
export function installTestHooks(): void {
  if (!testHooksEnabled()) return;
  const hooks: PorticoTestHooks = {
    windowPreferences: () => windowPreferences.map((p) => ({ ...p })),
    openExternal: async (url) => isAllowedExternalUrl(url),
    trayLabels: () => [...trayLabels],
    forwardedArgs: () => forwarded.map((a) => [...a]),
    deepLinks: () => [...links],
  };
  (globalThis as { porticoTestHooks?: PorticoTestHooks }).porticoTestHooks = hooks;
}
