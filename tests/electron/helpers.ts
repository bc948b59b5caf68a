/**
 * Shared set-up for the Electron-only specs: a reference portal on a random
 * loopback port and the app launched with the test hooks on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { _electron as electron, type ElectronApplication } from '@playwright/test';

/** The test hooks main installs with `PORTICO_TEST_HOOKS=1` (main/electron/test-hooks.ts). */
export interface Hooks {
  windowPreferences(): Array<Record<string, unknown>>;
  openExternal(url: string): Promise<boolean>;
  trayLabels(): string[];
  forwardedArgs(): string[][];
  deepLinks(): unknown[];
}

export interface Portal {
  url: string;
  stop(): void;
}

/** Starts the reference portal (`PORTICO_PORTAL_READY {url}` on stdout). */
export async function startPortal(): Promise<Portal> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'portico-el-'))],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`portal exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('PORTICO_PORTAL_READY ')) resolve((JSON.parse(line.slice(21)) as { url: string }).url);
    });
  });
  child.removeAllListeners('exit');
  return { url, stop: () => void child.kill('SIGTERM') };
}

/** A fresh user-data folder (also the single-instance lock's scope). */
export function freshUserData(): string {
  return mkdtempSync(join(tmpdir(), 'portico-ud-'));
}

/** The Electron binary tests/electron/run.mjs found. */
export function electronBinary(): string {
  const binary = process.env.PORTICO_ELECTRON_BINARY;
  if (!binary) throw new Error('PORTICO_ELECTRON_BINARY is not set; run through tests/electron/run.mjs');
  return binary;
}

/** Launches Portico against `portalUrl` with the test hooks on. */
export async function launchApp(portalUrl: string, userData: string, extraArgs: string[] = []): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: electronBinary(),
    args: ['out/main/index.js', '--portal', portalUrl, `--user-data-dir=${userData}`, ...extraArgs],
    env: { ...process.env, PORTICO_TEST_HOOKS: '1' },
  });
}

/** Reads the test hooks inside main. */
export function hooks<T>(app: ElectronApplication, read: (hooks: Hooks) => T | Promise<T>): Promise<T> {
  return app.evaluate(
    (_electron, fn) => {
      const h = (globalThis as { porticoTestHooks?: Hooks }).porticoTestHooks!;
      // The reader is sent as source: evaluate can't close over test variables.
      return (new Function('h', `return (${fn})(h)`) as (h: Hooks) => T | Promise<T>)(h);
    },
    read.toString(),
  );
}
