/**
 * *My Settings & Devices* end to end in Chromium against the real
 * portal: rename a device in place (keyboard: Enter saves, Escape cancels,
 * focus returns to the row), the only method cannot be removed (and the page
 * says why), adding an authenticator after the password + code step-up
 * (codes computed from the key on screen), removing one, and new backup
 * codes (an old code then fails at sign-in, a new one works).
 */
import type { Page } from '@playwright/test';
import { freshCode } from './activation-journey';
import { expect, signIn, test } from './fixtures';
import { wrongCode } from './password-journeys';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Sturdy-Lantern-73!';
const USER = { username: 'dev.user', displayName: 'Device User' };

test.use({
  seedAccounts: [[{ ...USER, password: PASSWORD, totpSecret: SECRET, backupCodesSaved: true }], { scope: 'worker' }],
});

type Stack = Parameters<typeof signIn>[1];

async function passcodeSignIn(page: Page, stack: Stack, code: string): Promise<void> {
  await signIn(page, stack, USER.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(code);
  await page.getByRole('button', { name: 'Log On' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: USER.displayName }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
}

async function openDevices(page: Page): Promise<void> {
  await page.getByRole('button', { name: USER.displayName }).click();
  await page.getByRole('menuitem', { name: 'My Settings & Devices' }).click();
  await expect(page.getByRole('heading', { name: 'My Settings & Devices' })).toBeVisible();
}

test('devices page: rename, the last method stays, add, remove, new backup codes', async ({ page, stack }) => {
  test.setTimeout(240_000);
  const seeded = { value: 0 };
  await passcodeSignIn(page, stack, await freshCode(SECRET, seeded));
  await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
  await openDevices(page);
  const devices = page.getByRole('list', { name: 'Your devices' });
  await expect(devices.getByRole('listitem')).toHaveCount(1);

  // The only method: no Remove, and the page says why.
  await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);
  await expect(page.getByText(/only way to confirm it is you, so it cannot be removed/)).toBeVisible();

  // ── Rename in place, keyboard only ──
  const renameButton = page.getByRole('button', { name: 'Rename Authenticator app' });
  await renameButton.focus();
  await page.keyboard.press('Enter');
  const nameField = page.getByLabel('New name for Authenticator app');
  await expect(nameField).toBeFocused();
  await page.keyboard.type(' (old)');
  await page.keyboard.press('Escape');
  await expect(nameField).toHaveCount(0);
  await expect(renameButton).toBeFocused();
  await expect(devices).toContainText('Authenticator app');
  await expect(devices).not.toContainText('(old)');

  await page.keyboard.press('Enter');
  await expect(nameField).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Type a name for this device.')).toBeVisible();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type('Work phone app');
  await page.keyboard.press('Enter');
  await expect(devices).toContainText('Work phone app');
  await expect(page.getByRole('button', { name: 'Rename Work phone app' })).toBeFocused();

  // ── Add an authenticator: password + current code first ──
  await page.getByRole('button', { name: 'Add another device' }).click();
  const stepUp = page.getByRole('form', { name: 'Confirm it is you' });
  await expect(stepUp).toBeVisible();
  await stepUp.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await stepUp.getByLabel(/Current passcode/).fill(await freshCode(SECRET, seeded));
  await stepUp.getByRole('button', { name: 'Confirm' }).click();
  const addForm = page.getByRole('form', { name: 'Add another device' });
  await expect(addForm).toBeVisible({ timeout: 20_000 });
  await expect(addForm.getByLabel('Device')).toHaveValue('authenticator');
  await addForm.getByRole('button', { name: 'Continue' }).click();
  const scan = page.getByRole('form', { name: 'Scan and confirm' });
  const keyText = (await scan.locator('.key-text code').innerText()).replace(/\s+/g, '');
  expect(keyText).toMatch(/^[A-Z2-7]{16,}$/);
  // A wrong code is said next to the code field, which keeps it and takes the focus.
  const codeField = scan.getByLabel('6-digit code from the app');
  const wrong = wrongCode(keyText);
  await codeField.fill(wrong);
  await scan.getByRole('button', { name: 'Verify' }).click();
  const codeAlert = scan.getByRole('alert').filter({ hasText: /\S/ });
  await expect(codeAlert).toBeVisible({ timeout: 20_000 });
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveValue(wrong);
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  const added = { value: 0 };
  await codeField.fill(await freshCode(keyText, added));
  await expect(codeAlert).toHaveCount(0);
  await scan.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Device added.' })).toBeVisible({ timeout: 20_000 });
  await expect(devices.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByText(/cannot be removed/)).toHaveCount(0);

  // ── Remove the old one (the step-up is still fresh) ──
  await page.getByRole('button', { name: 'Remove Work phone app' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Device removed.' })).toBeVisible({ timeout: 20_000 });
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expect(devices).not.toContainText('Work phone app');
  await expect(page.getByText(/only way to confirm it is you, so it cannot be removed/)).toBeVisible();

  // ── New backup codes, twice: the first set dies with the second ──
  const codeList = page.getByRole('list', { name: 'Backup codes' });
  await page.getByRole('button', { name: 'Get new codes' }).click();
  await expect(codeList.getByRole('listitem')).toHaveCount(10, { timeout: 20_000 });
  const oldCodes = await codeList.getByRole('listitem').allInnerTexts();
  await page.getByRole('button', { name: 'Get new codes' }).click();
  await expect(codeList).not.toContainText(oldCodes[0]!.trim(), { timeout: 20_000 });
  await expect(codeList.getByRole('listitem')).toHaveCount(10);
  const newCodes = await codeList.getByRole('listitem').allInnerTexts();
  await signOut(page);

  await passcodeSignIn(page, stack, oldCodes[0]!.trim());
  await expect(page.getByText(/That code is not valid/)).toBeVisible();
  await page.getByLabel(/Passcode/).fill(newCodes[0]!.trim());
  await page.getByRole('button', { name: 'Log On' }).click();
  await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible({ timeout: 20_000 });
  await signOut(page);
});
