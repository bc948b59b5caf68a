/**
 * The Settings screen in the browser host, with the keyboard only:
 * opened from the account menu and with Ctrl+,; what the browser version
 * cannot do is disabled with a reason; a change survives a reload.
 */
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';

/** Moves through the open account menu with the arrow keys until `name` has the focus. */
async function arrowTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 12; i += 1) {
    const label = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (label === name) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`menu item ${name} not reached`);
}

test('Settings: opened with the keyboard, a change persists across a reload', async ({ page, stack }) => {
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();

  // Account menu → Settings, keyboard only.
  await page.getByRole('button', { name: 'Demo User' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await arrowTo(page, 'Settings');
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { name: 'Settings', level: 1 });
  await expect(heading).toBeFocused();

  // The browser version has no tray and no login items: disabled, and it says why.
  await expect(page.getByLabel('Keep Portico running in the tray when I close the window')).toBeDisabled();
  await expect(page.getByText(/no tray icon to keep running in/)).toBeVisible();
  await expect(page.getByLabel('Start Portico when I log in to this computer')).toBeDisabled();
  // Where the sign-in is kept, and the theme.
  await expect(page.getByText('This session only.')).toBeVisible();
  await expect(page.getByText(/follows your computer's light or dark theme/)).toBeVisible();
  // Permission is only asked from a button (a user gesture).
  await expect(page.getByRole('button', { name: 'Allow notifications' })).toBeVisible();

  // Tab to "Show notifications" and turn it off with Space.
  const notifications = page.getByLabel('Show notifications');
  await expect(notifications).toBeChecked();
  for (let i = 0; i < 20 && !(await notifications.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
  await expect(notifications).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(notifications).not.toBeChecked();

  // After a reload (still signed in: main holds the session), Ctrl+, opens Settings again.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeFocused();
  await expect(page.getByLabel('Show notifications')).not.toBeChecked();

  // Back to the default for the other tests on this stack.
  await page.getByLabel('Show notifications').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Show notifications')).toBeChecked();

  // The account links are here too.
  await expect(page.getByRole('button', { name: 'Change password…' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save diagnostics…' })).toBeVisible();
  await page.getByRole('button', { name: 'My Settings & Devices' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My Settings & Devices' })).toBeVisible();
});
