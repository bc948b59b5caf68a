/**
 * *Forgot your password?* end to end in Chromium: the second factor first (a
 * passcode, or a push approved on a second browser page acting as the
 * phone), then the questions (exact answers), a new password, signed in; a
 * name without an account meets the same screens, and its wrong codes count
 * and warn the same way.
 */
import type { Browser, Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe-check';
import { expect, signIn, test } from './fixtures';
import { approveWithCode } from './push-code';
import {
  ANSWERS,
  expectSignedInAs,
  freshCode,
  passSecondFactor,
  SECRET,
  setNewPassword,
  signOut,
  wrongCode,
} from './password-journeys';

/** One-time link that binds the "phone" page to push.reset's device (seeded). */
const BIND_TOKEN = 'e2e-reset-push-bind-token-0123456789abcdefg';
const START = 'Sturdy-Lantern-73!';

test.use({
  // An array option is given as [value, options] to Playwright.
  seedAccounts: [
    [
      {
        username: 'reset.user',
        displayName: 'Reset User',
        password: START,
        totpSecret: SECRET,
        securityAnswers: ANSWERS,
      },
      {
        username: 'push.reset',
        displayName: 'Push Reset',
        password: START,
        totpSecret: SECRET,
        approverBindToken: BIND_TOKEN,
        securityAnswers: ANSWERS,
      },
    ],
    { scope: 'worker' },
  ],
});
test.describe.configure({ mode: 'serial' });

test('Forgot your password? a second factor first, then the questions (exact answers), a new password, signed in', async ({
  page,
  stack,
}) => {
  test.setTimeout(120_000);
  const next = 'Granite-Orchard-Pelican-64';
  await page.goto(stack.hostUrl);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Username').fill('reset.user');
  await page.getByRole('button', { name: 'Continue' }).click();

  // The second factor comes first, offered the same way for every name; no question is shown yet.
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible();
  await expect(page.getByText('Resetting the password for reset.user.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Send Me a Push/ })).toBeVisible();
  await expect(page.getByText(/question/i)).toHaveCount(0);
  // A wrong code is refused next to the field; it counts toward the lockout.
  const passcode = page.getByLabel('Or enter a passcode');
  await passcode.fill(wrongCode());
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not valid.');
  await expect(passcode).toHaveAttribute('aria-invalid', 'true');
  await passcode.fill(await freshCode());
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Answer your security questions' })).toBeVisible();
  const questions = [
    'What was the name of your first pet?',
    'In what city were you born?',
    ANSWERS.custom.question,
  ];
  // Wrong case is a wrong answer; the same questions stay for another try.
  await page.getByLabel(questions[0]!).fill('biscuit the cat');
  await page.getByLabel(questions[1]!).fill('Porto');
  await page.getByLabel(questions[2]!).fill('Sea Breeze');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('not correct');
  await page.getByLabel(questions[0]!).fill('Biscuit the Cat');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await setNewPassword(page, next);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expectSignedInAs(page, 'Reset User');
  // The app says that the reset worked, once signed in.
  await expect(page.locator('.notice-toast')).toContainText('Your password was reset.');
  // *Security questions…* shows the questions the account has now (never the answers).
  await page.getByRole('button', { name: 'Reset User' }).click();
  await page.getByRole('menuitem', { name: 'Security questions…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Security questions' });
  const current = dialog.getByRole('region', { name: 'Your questions now' }).getByRole('listitem');
  await expect(current).toHaveText(questions);
  await expect(dialog).not.toContainText('Biscuit the Cat');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await signOut(page, 'Reset User');
  await signIn(page, stack, 'reset.user', next);
  await passSecondFactor(page);
  await expectSignedInAs(page, 'Reset User');
  await signOut(page, 'Reset User');
});

test('Forgot your password? for a name without an account looks the same, and its codes count and warn', async ({
  page,
  stack,
}) => {
  await page.goto(stack.hostUrl);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Username').fill('no.such.user');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Send Me a Push/ })).toBeVisible();
  const passcode = page.getByLabel('Or enter a passcode');
  for (let i = 1; i <= 4; i += 1) {
    await passcode.fill(`12345${i}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    if (i === 3)
      await expect(page.getByRole('alert')).toContainText('2 attempts left before your account is locked');
    if (i === 4)
      await expect(page.getByRole('alert')).toContainText('1 attempt left before your account is locked');
    if (i < 3) await expect(page.getByRole('alert')).toContainText('That code is not valid.');
  }
  // The push "goes out" like any other; nobody answers it.
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  await expect(page.getByText(/It expires in \d+ s/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByText('Push cancelled.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to sign in' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});

/** A second browser (another device) bound as push.reset's phone through the seeded link. */
async function boundPhone(browser: Browser, portalUrl: string): Promise<Page> {
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(`${portalUrl}/approver#bind=${BIND_TOKEN}`);
  await expect(phone.getByRole('status')).toContainText('Linked to', { timeout: 20_000 });
  return phone;
}

test('Forgot your password? with Send Me a Push first: denied, then approved on the phone, then the questions', async ({
  page,
  stack,
  browser,
}) => {
  test.setTimeout(180_000);
  const phone = await boundPhone(browser, stack.portalUrl);
  const next = 'Harbour-Lantern-Quartz-81';
  await page.goto(stack.hostUrl);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Username').fill('push.reset');
  await page.getByRole('button', { name: 'Continue' }).click();

  // The push is offered first, with the passcode as the alternative.
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible();
  await expect(page.getByLabel('Or enter a passcode')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'reset: second factor with a push offered');
  const request = phone.getByRole('article').filter({ hasText: 'Portico password reset' });

  // Denied on the phone: the same words as at sign-in, and the reset waits for another try.
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  await expect(page.getByText(/It expires in \d+ s/)).toBeVisible();
  await request.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'denied on your phone' })).toBeVisible({
    timeout: 20_000,
  });

  // Cancelled from the desktop (keyboard only): the request leaves the phone.
  await page.getByRole('button', { name: /Send Me a Push/ }).focus();
  await page.keyboard.press('Enter');
  await expect(request).toBeVisible({ timeout: 20_000 });
  await expectNoSeriousAxeViolations(page, 'reset: waiting for the push');
  await page.getByRole('button', { name: 'Cancel', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Push cancelled.')).toBeVisible();
  await expect(request).toHaveCount(0, { timeout: 20_000 });

  // Approved: on to the new password, then signed in.
  await page.getByRole('button', { name: /Send Me a Push/ }).press('Enter');
  await expect(page.getByText(/It expires in \d+ s/)).toBeVisible();
  await expect(request).toContainText('127.0.0.1', { timeout: 20_000 });
  await approveWithCode(page, request);
  // Approved: only now the account's questions, then the new password.
  await expect(page.getByRole('heading', { name: 'Answer your security questions' })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByLabel('What was the name of your first pet?').fill('Biscuit the Cat');
  await page.getByLabel('In what city were you born?').fill('Porto');
  await page.getByLabel(ANSWERS.custom.question).fill('Sea Breeze');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await setNewPassword(page, next);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expectSignedInAs(page, 'Push Reset');
  await expect(page.locator('.notice-toast')).toContainText('Your password was reset.');
  await signOut(page, 'Push Reset');
  await phone.context().close();
});
