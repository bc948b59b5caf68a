/** Verified push in the e2e specs: read the code the desktop shows and type it on the phone page. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The 3 digits the sign-in (or reset) screen shows for the push being waited for. */
export async function shownPushCode(page: Page): Promise<string> {
  const code = page.getByTestId('push-code');
  await expect(code).toHaveText(/^\d{3}$/, { timeout: 20_000 });
  return (await code.textContent())!;
}

/** Types `code` (by default the one the desktop shows) on the phone's request, then taps *Approve*. */
export async function approveWithCode(page: Page, request: Locator, code?: string): Promise<void> {
  const typed = code ?? (await shownPushCode(page));
  await request.getByLabel('Code shown on the sign-in screen').fill(typed);
  await request.getByRole('button', { name: 'Approve' }).click();
}
