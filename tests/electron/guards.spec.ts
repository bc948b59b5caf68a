/**
 * Window guards in the real Electron shell: links and scripts cannot take
 * the window elsewhere or open new ones, permission requests are denied, and
 * the native menu carries *Help → Save Diagnostics…* and the desktop settings.
 */
import { test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { clickInjectedLink } from '../e2e/injected-link';
import { freshUserData, hooks, launchApp, startPortal, type Portal } from './helpers';

let portal: Portal;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  portal = await startPortal();
  app = await launchApp(portal.url, freshUserData());
  page = await app.firstWindow();
  await page.getByRole('button', { name: 'Log On' }).waitFor();
});

test.afterAll(async () => {
  await app?.close();
  portal?.stop();
});

test('links to other origins, target=_blank and form posts go nowhere', async () => {
  const start = page.url();
  for (const [href, target] of [
    ['https://example.com/', ''],
    ['file:///etc/passwd', ''],
    ['app://portico/index.html', '_blank'],
    ['https://example.com/', '_blank'],
  ] as const) {
    await clickInjectedLink(page, href, target);
  }
  await page.waitForTimeout(500);
  expect(page.url()).toBe(start);
  expect(app.windows().length).toBe(1);
});

test('permission requests are denied (notifications, camera, geolocation)', async () => {
  const outcome = await page.evaluate(async () => {
    const camera = await navigator.mediaDevices.getUserMedia({ video: true }).then(
      () => 'granted',
      () => 'denied',
    );
    const geolocation = await new Promise<string>((resolve) =>
      navigator.geolocation.getCurrentPosition(
        () => resolve('granted'),
        () => resolve('denied'),
        { timeout: 5000 },
      ),
    );
    const notifications = await Notification.requestPermission();
    return { camera, geolocation, notifications };
  });
  expect(outcome).toEqual({ camera: 'denied', geolocation: 'denied', notifications: 'denied' });
});

test('only the light-version window may differ, and every window is hardened', async () => {
  const prefs = await hooks(app, (h) => h.windowPreferences());
  for (const p of prefs) {
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  }
});

test('the native menu has Help → Save Diagnostics… and the desktop settings', async () => {
  const menu = await app.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
      label: item.label.replace('&', ''),
      items: (item.submenu?.items ?? []).map((sub) => ({ label: sub.label, type: sub.type, accelerator: sub.accelerator ?? null })),
    })),
  );
  const help = menu.find((m) => m.label === 'Help');
  expect(help?.items).toContainEqual({ label: 'Save Diagnostics…', type: 'normal', accelerator: 'CmdOrCtrl+Shift+D' });
  const file = menu.find((m) => m.label === 'File');
  expect(file?.items.map((i) => i.label)).toEqual(expect.arrayContaining(['Keep Running in the Tray When Closed', 'Start Portico at Login']));
  expect(menu.map((m) => m.label)).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
});

test('closing the window keeps Portico in the tray', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? null)).toBe(false);
  expect(await hooks(app, (h) => h.trayLabels())).toContain('Open Portico');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.show());
});
