/**
 * Accessibility: axe-core on every screen (0 serious or critical violations,
 * in light and dark colour schemes) and a keyboard-only journey.
 *
 * axe is injected with `page.evaluate(source)`: the page's CSP (rightly)
 * refuses inline script tags, and an evaluate through the DevTools protocol
 * is not page script, so the CSP stays on for this spec too.
 */
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations as expectAccessible } from './axe-check';
import { test, expect, signIn, type Stack } from './fixtures';

/** Checks a screen in both colour schemes (the app follows the OS theme). */
async function expectAccessibleInBothThemes(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `${screen} (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: null });
}

async function openSignIn(page: Page, stack: Stack): Promise<void> {
  await page.goto(stack.hostUrl);
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
}

async function signOutWithMouse(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
}

test.describe('accessibility', () => {
  test('sign-in, sign-in error, launcher and account menu have no serious violations', async ({ page, stack }) => {
    await openSignIn(page, stack);
    await expectAccessibleInBothThemes(page, 'sign-in');

    await signIn(page, stack, stack.demo.username, 'not-the-password');
    await expect(page.getByText('The username or password is incorrect.')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'sign-in error');

    await signIn(page, stack, stack.demo.username, stack.demo.password);
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
    await expectAccessibleInBothThemes(page, 'launcher');

    await page.getByLabel('Search apps').fill('zzz-no-such-app');
    await expect(page.getByText(/No apps match/)).toBeVisible();
    await expectAccessible(page, 'launcher, nothing matches');
    await page.getByLabel('Search apps').fill('');

    await page.getByRole('button', { name: 'Demo User' }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'account menu open');
    await page.keyboard.press('Escape');

    await signOutWithMouse(page);
  });

  test('every signed-in view and the forgot-password screen have no serious violations', async ({ page, stack }) => {
    // Views come and go with features (Apps, Transfers, Requests…): scan each one the navigation offers.
    await signIn(page, stack, stack.demo.username, stack.demo.password);
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
    const views = page.getByRole('navigation', { name: 'Views' }).getByRole('button');
    const names = (await views.allInnerTexts()).map((name) => name.trim()).filter(Boolean);
    for (const name of names) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
      await page.waitForLoadState('networkidle');
      await expectAccessibleInBothThemes(page, `view ${name}`);
    }
    await signOutWithMouse(page);

    const forgot = page.getByRole('button', { name: /Forgot your password/ }).or(page.getByRole('link', { name: /Forgot your password/ }));
    if ((await forgot.count()) > 0) {
      await forgot.first().click();
      await expect(page.getByRole('button', { name: 'Log On' })).toHaveCount(0);
      await expectAccessibleInBothThemes(page, 'forgot password');
    }
  });

  test('Settings and My Settings & Devices have no serious violations', async ({ page, stack }) => {
    // Screens reached from the account menu rather than the view navigation.
    await signIn(page, stack, stack.demo.username, stack.demo.password);
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
    for (const [item, heading] of [
      ['Settings', 'Settings'],
      ['My Settings & Devices', 'My Settings & Devices'],
    ] as const) {
      await page.getByRole('button', { name: 'Demo User' }).click();
      await page.getByRole('menuitem', { name: item, exact: true }).click();
      await expect(page.getByRole('heading', { name: heading, exact: true, level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectAccessibleInBothThemes(page, heading);
    }
    // The account page's Security questions… dialog (its password field is the shared PasswordInput).
    await page.getByRole('button', { name: 'Demo User' }).click();
    await page.getByRole('menuitem', { name: 'Security questions…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Security questions' });
    await expect(dialog.getByLabel('Your password')).toHaveAttribute('type', 'password');
    await expectAccessible(page, 'security questions dialog');
    await dialog.getByLabel('Your password').press('Escape');
    await expect(dialog).toHaveCount(0);
    await signOutWithMouse(page);
  });

  test('the no-client message has no serious violations', async ({ page, stack }) => {
    // The test machine has no Citrix/RDP client registry to remove, so the
    // host's answer to a launch is replaced by the one a machine without the
    // client gets; everything else goes to the real host.
    await page.routeWebSocket(/\/ipc/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const request = JSON.parse(String(message)) as { id: number; channel: string };
        if (request.channel === 'apps:launch') {
          ws.send(JSON.stringify({ id: request.id, result: { ok: true, value: { status: 'no-client', clientName: 'Citrix Workspace app', webAvailable: true } } }));
        } else {
          server.send(message);
        }
      });
    });
    await signIn(page, stack, stack.demo.username, stack.demo.password);
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
    await page.getByRole('region', { name: 'All apps' }).getByRole('button', { name: /^7-Zip File Manager/ }).click();
    await expect(page.getByRole('status').filter({ hasText: /Citrix Workspace app/ })).toBeVisible();
    await expectAccessibleInBothThemes(page, 'no-client message');
    await signOutWithMouse(page);
  });

  test('the session-expired screen has no serious violations', async ({ page, stack }) => {
    // The real expiry path is covered by session-expiry.spec.ts (it needs a
    // portal with a 3 s idle timeout, which would race the other tests here).
    // Here main's answers are replaced, once signed in, by what main says
    // after the portal ended the session: `session_expired`, then the
    // signed-out state with that reason.
    let expired = false;
    const expiredState = { status: 'signed-out', portalUrl: stack.portalUrl, lastUsername: stack.demo.username, reason: 'session-expired' };
    await page.routeWebSocket(/\/ipc/, (ws) => {
      const server = ws.connectToServer();
      // Once "expired", the real host's answers and events no longer reach the page.
      server.onMessage((message) => {
        if (!expired) ws.send(message);
      });
      ws.onMessage((message) => {
        const request = JSON.parse(String(message)) as { id: number; channel: string };
        if (!expired) {
          server.send(message);
        } else if (request.channel === 'auth:get-state') {
          ws.send(JSON.stringify({ id: request.id, result: { ok: true, value: expiredState } }));
        } else {
          ws.send(JSON.stringify({ id: request.id, result: { ok: false, error: { code: 'session_expired', message: 'Your session has ended.' } } }));
        }
      });
    });
    await signIn(page, stack, stack.demo.username, stack.demo.password);
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
    expired = true;
    await page.getByRole('button', { name: 'Add Windows Explorer to favorites' }).click();
    await expect(page.getByText(/Your session ended after a period of inactivity/)).toBeVisible();
    await expectAccessibleInBothThemes(page, 'session expired');
    // Main (the real host) still holds the session: end it for the next test.
    expired = false;
    await page.evaluate(() => window.portico?.invoke('auth:sign-out'));
  });

  test('keyboard only: sign in, find, favorite, launch, sign out', async ({ page, stack }) => {
    await openSignIn(page, stack);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName ?? '', label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '', role: el?.getAttribute('role') ?? '', popup: el?.getAttribute('aria-haspopup') ?? '' };
    });

    // The form puts focus on the first field to fill (the password when the
    // username is remembered from an earlier sign-in on this host).
    const username = page.getByLabel('Username');
    await expect(page.locator('input:focus')).toHaveCount(1);
    if (await username.evaluate((el) => el === document.activeElement)) {
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(stack.demo.username);
      await page.keyboard.press('Tab');
    } else {
      await expect(username).toHaveValue(stack.demo.username);
    }
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await page.keyboard.type(stack.demo.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();

    // "/" jumps to the search box.
    await page.keyboard.press('/');
    await expect(page.getByLabel('Search apps')).toBeFocused();
    await page.keyboard.type('e');
    // Tab moves into the grid (one tab stop per section), arrows move between tiles.
    await page.keyboard.press('Tab');
    const firstTile = await focused();
    expect(firstTile.tag).toBe('BUTTON');
    await page.keyboard.press('ArrowRight');
    const secondTile = await focused();
    expect(secondTile.tag).toBe('BUTTON');
    expect(secondTile.label).not.toBe(firstTile.label);
    const appName = await page.evaluate(() => document.activeElement?.querySelector('.tile-name, strong, h3')?.textContent?.trim() ?? '');
    expect(appName).not.toBe('');

    // "f" makes it a favorite.
    await page.keyboard.press('f');
    await expect(page.getByRole('region', { name: 'Favorites' }).getByRole('button', { name: new RegExp(`^${appName}`) })).toBeVisible();

    // Enter launches it (the focused tile, wherever it moved to).
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: new RegExp(`${appName}`) })).toBeVisible();

    // Back to the account menu with Shift+Tab, open it, pick Sign out.
    for (let i = 0; i < 20 && (await focused()).popup !== 'menu'; i += 1) await page.keyboard.press('Shift+Tab');
    expect((await focused()).popup).toBe('menu');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    for (let i = 0; i < 20 && (await focused()).label !== 'Sign out'; i += 1) await page.keyboard.press('ArrowDown');
    expect((await focused()).label).toBe('Sign out');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  });
});
