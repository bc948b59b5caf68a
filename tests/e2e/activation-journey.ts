/**
 * The whole first sign-in of a new account, as a user does it with an
 * authenticator app, walked by the guides' visible labels: *Protect Your …
 * Account* → *Start setup* → authenticator → key → code → *Verify* → *My
 * Settings & Devices* → *Continue to login* → security questions → at least
 * 2 recovery methods (*Add recovery phone*, *Generate backup codes* →
 * *Download Codes*, the checkbox, *Finish*) → new password → "password change
 * is complete" → *OK* → logged off. The step indicator is on every screen.
 * Shared by the specs that need a freshly activated user.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { expect } from './fixtures';

/**
 * A code of `secret` the portal has not taken yet (codes are single use).
 * The portal accepts the step after the current one too (a phone whose clock
 * runs a little ahead), so a second code within the same 30 s is that next
 * step's; only a third one has to wait for the clock to move on.
 */
export async function freshCode(secret: string, lastStep: { value: number }): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, lastStep.value + 1);
    if (step <= now + 1) {
      lastStep.value = step;
      return generateSync({ secret, epoch: step * 30 });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** What the new user keeps after activation. */
export interface ActivatedAccount {
  /** Base32 key read from the screen, as the user types it into their app. */
  secret: string;
  /** The step of the last code used, for `freshCode`. */
  lastStep: { value: number };
  backupCodes: string[];
}

/** The activation step indicator shows step `n` of 5 with `label` as the current one. */
export async function expectStep(page: Page, n: number, label: string): Promise<void> {
  const progress = page.getByRole('navigation', { name: 'Account activation' });
  await expect(progress).toContainText(`Step ${n} of 5`);
  await expect(progress.locator('[aria-current="step"]')).toHaveText(label);
}

/**
 * Drives activation from the *Protect your account* screen (the temporary
 * password was just accepted) to the sign-in form after the password change.
 */
export async function activateWithAuthenticator(page: Page, newPassword: string): Promise<ActivatedAccount> {
  const lastStep = { value: 0 };
  await expect(page.getByRole('heading', { name: /^Protect Your .+ Account$/ })).toBeVisible({
    timeout: 20_000,
  });
  await expectStep(page, 1, 'Add a device');
  await page.getByRole('button', { name: 'Start setup' }).click();
  await page.getByRole('radio', { name: /Authenticator app/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'I have the app installed' }).click();

  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.locator('.key-text code').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('6-digit code from the app').fill(await freshCode(secret, lastStep));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByRole('heading', { name: 'My Settings & Devices' })).toBeVisible();
  await expectStep(page, 1, 'Add a device');
  await expect(page.getByRole('list', { name: 'Your devices' })).toContainText('Authenticator app');
  await expect(page.getByLabel('When I Log In')).toHaveValue('ask');
  await page.getByRole('button', { name: 'Continue to login' }).click();

  // An app takes no pushes: its code was the log on; the guide's security questions come next.
  await expect(page.getByRole('heading', { name: 'Set up your security questions' })).toBeVisible();
  await expectStep(page, 3, 'Security questions');
  await answerSecurityQuestions(page);

  const backupCodes = await addRecoveryMethods(page, { addPhone: true });
  await changeTemporaryPassword(page, newPassword);
  return { secret, lastStep, backupCodes };
}

/**
 * *Set up at least 2 recovery methods*: *Add recovery phone* (when asked; an
 * enrolled mobile phone already is one), *Generate backup codes*,
 * *Download Codes*, the checkbox and *Finish*. Answers the codes.
 */
export async function addRecoveryMethods(
  page: Page,
  options: { addPhone: boolean; username?: string },
): Promise<string[]> {
  await expect(page.getByRole('heading', { name: 'Set up at least 2 recovery methods' })).toBeVisible();
  await expectStep(page, 4, 'Recovery methods');
  const finish = page.getByRole('button', { name: 'Finish' });
  await expect(finish).toHaveAttribute('aria-disabled', 'true');
  if (options.addPhone) {
    await page.getByRole('button', { name: 'Add recovery phone' }).click();
    await page.getByLabel('Recovery phone number (with country code)').fill('+1 602 555 0199');
    await page.getByRole('button', { name: 'Save phone' }).click();
    await expect(page.getByText('Support can call +1 602 555 0199')).toBeVisible();
  } else {
    await expect(page.getByText(/Support can call \+/)).toBeVisible();
  }
  await page.getByRole('button', { name: 'Generate backup codes' }).click();
  const list = page.getByRole('list', { name: 'Backup codes' });
  await expect(list.locator('code')).toHaveCount(10);
  const backupCodes = await list.locator('code').allInnerTexts();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Codes' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.txt$/);
  const text = await readFile((await file.path())!, 'utf8');
  for (const code of backupCodes) expect(text).toContain(code);
  if (options.username) expect(text).toContain(`Account: ${options.username}`);
  await page.getByLabel('I saved my backup codes in a safe place').check();
  await finish.click();
  return backupCodes;
}

/** The last step: the new password, then "password change is complete" → *OK* → logged off. */
export async function changeTemporaryPassword(page: Page, newPassword: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Change your default password' })).toBeVisible();
  await expectStep(page, 5, 'New password');
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Password change is complete' })).toBeVisible();
  await expect(page.getByText('Your password change is complete.')).toBeVisible();
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  await expect(page.getByText(/Password changed/)).toBeVisible();
}

/** *Set up your security questions*: questions 2 and 3 of the list, one of the user's own, each answered; then *Continue*. */
export async function answerSecurityQuestions(page: Page): Promise<void> {
  for (const i of [1, 2]) {
    await page.getByLabel(`Question ${i}`, { exact: true }).selectOption({ index: i });
    await page.getByLabel(`Answer ${i}`, { exact: true }).fill(`Answer number ${i}`);
  }
  await page.getByLabel('Your own question').fill('What was the name of my first boat?');
  await page.getByLabel('Answer 3', { exact: true }).fill('Sea Breeze');
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** *Enter a Passcode* on the second-factor screen with a fresh authenticator code. */
export async function enterPasscode(page: Page, account: ActivatedAccount): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(await freshCode(account.secret, account.lastStep));
  await page.getByRole('button', { name: 'Log On' }).click();
}
