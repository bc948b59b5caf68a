/**
 * Single instance: a second launch focuses the first, forwards its
 * arguments, and a `portico://` link among them is acted on — strictly.
 */
import { spawn } from 'node:child_process';
import { test, expect, type ElectronApplication } from '@playwright/test';
import { electronBinary, freshUserData, hooks, launchApp, startPortal, type Portal } from './helpers';

let portal: Portal;
let app: ElectronApplication;
let userData = '';

test.beforeAll(async () => {
  portal = await startPortal();
  userData = freshUserData();
  app = await launchApp(portal.url, userData);
  await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  portal?.stop();
});

/** Starts a second instance on the same user data and waits for it to exit. */
function secondInstance(args: string[]): Promise<number | null> {
  const child = spawn(electronBinary(), ['out/main/index.js', `--user-data-dir=${userData}`, ...args], {
    stdio: 'ignore',
    env: { ...process.env, PORTICO_TEST_HOOKS: '1' },
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

test('a second launch exits and forwards its arguments to the first', async () => {
  const code = await secondInstance(['--portal', portal.url, 'portico://launch/7zip']);
  expect(code).toBe(0);
  await expect.poll(() => hooks(app, (h) => h.forwardedArgs().length), { timeout: 15_000 }).toBeGreaterThan(0);
  const forwarded = await hooks(app, (h) => h.forwardedArgs());
  expect(forwarded.at(-1)).toContain('portico://launch/7zip');
  const links = await hooks(app, (h) => h.deepLinks());
  expect(links).toContainEqual({ kind: 'launch', appId: '7zip' });
  expect(app.windows().length).toBe(1);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(true);
});

test('hostile links from a second launch are ignored', async () => {
  const before = (await hooks(app, (h) => h.deepLinks())).length;
  for (const link of ['portico://launch/../../etc/passwd', 'portico://open?portal=javascript:alert(1)', 'portico://delete/all']) {
    expect(await secondInstance([link])).toBe(0);
  }
  await expect.poll(() => hooks(app, (h) => h.forwardedArgs().length), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  expect((await hooks(app, (h) => h.deepLinks())).length).toBe(before);
});
