/**
 * Electron-only checks. Run by tests/electron/run.mjs wherever the Electron
 * binary exists (it can't be downloaded on our build machines).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';

let portal: ChildProcess;
let portalUrl = '';
let app: ElectronApplication;

test.beforeAll(async () => {
  portal = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'portico-el-'))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  portalUrl = await new Promise<string>((resolve) => {
    createInterface({ input: portal.stdout! }).on('line', (line) => {
      if (line.startsWith('PORTICO_PORTAL_READY ')) resolve((JSON.parse(line.slice(21)) as { url: string }).url);
    });
  });
  app = await electron.launch({
    executablePath: process.env.PORTICO_ELECTRON_BINARY,
    args: ['out/main/index.js', '--portal', portalUrl, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'portico-ud-'))}`],
    env: { ...process.env, PORTICO_TEST_HOOKS: '1' },
  });
});

test.afterAll(async () => {
  await app?.close();
  portal?.kill('SIGTERM');
});

test('every window is isolated, sandboxed and without Node integration', async () => {
  await app.firstWindow();
  // Electron has no public read-back of a live window's webPreferences, so the
  // shell records what it passed to each BrowserWindow (test hooks only).
  const prefs = await app.evaluate(() =>
    (globalThis as { porticoTestHooks?: { windowPreferences(): Array<Record<string, unknown>> } }).porticoTestHooks!.windowPreferences(),
  );
  expect(prefs.length).toBeGreaterThan(0);
  for (const p of prefs) {
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  }
});

test('renderers get the V8 flags of renderer-flags.ts (no speculative optimizing JIT)', async () => {
  const { RENDERER_JS_FLAGS } = await import('../../main/electron/renderer-flags');
  const flags = await app.evaluate(({ app: electronApp }) => electronApp.commandLine.getSwitchValue('js-flags'));
  expect(flags).toBe(RENDERER_JS_FLAGS);
  expect(flags).toContain('--max-opt=1');
});

test('the app is served from the custom protocol and navigation away is denied', async () => {
  const page = await app.firstWindow();
  expect(page.url()).toMatch(/^app:\/\/portico\//);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/portico\//);
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(app.windows().length).toBe(1);
});

test('the renderer has no Node, no require and no raw IPC', async () => {
  const page = await app.firstWindow();
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    portico: Object.keys(window.portico ?? {}).sort(),
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', portico: ['invoke', 'on'] });
});

test('permission requests are denied', async () => {
  const page = await app.firstWindow();
  const state = await page.evaluate(async () => {
    try {
      await navigator.mediaDevices.getUserMedia({ audio: true });
      return 'granted';
    } catch {
      return 'denied';
    }
  });
  expect(state).toBe('denied');
});

test('openExternal refuses file:, smb:, javascript: and unknown schemes', async () => {
  const results = await app.evaluate(async () => {
    const hooks = (globalThis as { porticoTestHooks?: { openExternal(url: string): Promise<boolean> } }).porticoTestHooks!;
    const urls = ['file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'ms-msdt:/id', 'search-ms:query=x', 'foo://bar'];
    return Promise.all(urls.map((u) => hooks.openExternal(u)));
  });
  expect(results.every((allowed) => allowed === false)).toBe(true);
});

test('the tray menu lists the catalogue after sign-in', async () => {
  const labels = await app.evaluate(() =>
    (globalThis as { porticoTestHooks?: { trayLabels(): string[] } }).porticoTestHooks!.trayLabels(),
  );
  expect(labels).toContain('Open Portico');
  expect(labels).toContain('Quit');
});
