/**
 * Steps shared by the password journeys (passwords.spec.ts and
 * password-reset.spec.ts): the seeded authenticator's codes, the sign-in
 * second factor, the new-password fields, signed in and out.
 */
import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { freshCode as freshCodeOf } from './activation-journey';
import { expect } from './fixtures';

/** The authenticator secret the password journeys seed. */
export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** Security answers the password journeys seed: two chosen questions and one of the user's own. */
export const ANSWERS = {
  chosen: [
    { questionId: 'first-pet', answer: 'Biscuit the Cat' },
    { questionId: 'birth-city', answer: 'Porto' },
  ],
  custom: { question: 'What was the name of my first boat?', answer: 'Sea Breeze' },
};

/** A code of the seeded authenticator the portal has not taken yet (see `freshCode` in activation-journey). */
const lastStep = { value: 0 };
export const freshCode = (): Promise<string> => freshCodeOf(SECRET, lastStep);

/** The second-factor screen: *Enter a Passcode*. */
export async function passSecondFactor(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(await freshCode());
  await page.getByRole('button', { name: 'Log On' }).click();
}

export async function setNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
}

export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('button', { name })).toBeVisible({ timeout: 20_000 });
}

export async function signOut(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
}

/** A well-formed passcode the authenticator (the seeded one by default) does not accept now (nor in the neighbouring steps). */
export function wrongCode(secret: string = SECRET): string {
  const now = Math.floor(Date.now() / 1000);
  const near = new Set([-30, 0, 30, 60].map((d) => generateSync({ secret, epoch: now + d })));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.has(c))!;
}
