/**
 * The whole first sign-in of a new account, as a user does it with an
 * authenticator app: *Protect your account* → authenticator → key → code →
 * *My Settings & Devices* → backup codes → security questions → new password
 * → logged off. Shared by the specs that need a freshly activated user.
 */
import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { expect } from './fixtures';

/** The code of `secret` for now, avoiding the step used last (codes are single use). */
export async function freshCode(secret: string, lastStep: { value: number }): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    if (step > lastStep.value) {
      lastStep.value = step;
      return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
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

/**
 * Drives activation from the *Protect your account* screen (the temporary
 * password was just accepted) to the sign-in form after the password change.
 */
export async function activateWithAuthenticator(page: Page, newPassword: string): Promise<ActivatedAccount> {
  const lastStep = { value: 0 };
  await expect(page.getByRole('heading', { name: 'Protect your account' })).toBeVisible({ timeout: 20_000 });
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
  await expect(page.getByRole('list', { name: 'Your devices' })).toContainText('Authenticator app');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Save your backup codes' })).toBeVisible();
  const backupCodes = await page.getByRole('list', { name: 'Backup codes' }).locator('code').allInnerTexts();
  expect(backupCodes).toHaveLength(10);
  await page.getByLabel('I saved my backup codes in a safe place').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Set up your security questions' })).toBeVisible();
  await answerSecurityQuestions(page);

  await expect(page.getByRole('heading', { name: 'Change your default password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  await expect(page.getByText(/Password changed/)).toBeVisible();
  return { secret, lastStep, backupCodes };
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
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(await freshCode(account.secret, account.lastStep));
  await page.getByRole('button', { name: 'Log In' }).click();
}
