/**
 * Errors in sight: each sits next to its field, is announced, takes the focus
 * to the field the user must fix, and goes as soon as that field changes
 * (the phone number during device setup and when adding a device, the old
 * password in *Change password…*, the new one in the forced change, the
 * security questions step, and each step of *Forgot your password?*).
 */
import type { Page } from '@playwright/test';
import { freshCode } from './activation-journey';
import { expect, signIn, test } from './fixtures';
import { ANSWERS, expectSignedInAs, SECRET, wrongCode } from './password-journeys';

const START = 'Sturdy-Lantern-73!';

test.use({
  tempUsers: ['phone.user'],
  seedAccounts: [
    [
      { username: 'fix.user', displayName: 'Fix User', password: START },
      { username: 'expired.user', displayName: 'Expired User', password: START, passwordAgeDays: 91 },
      // Activation pending with the authenticator already set up: the questions step comes right after the code.
      { username: 'questions.user', displayName: 'Questions User', password: START, mustChangePassword: true, totpSecret: SECRET },
      { username: 'device.user', displayName: 'Device User', password: START, totpSecret: SECRET, securityAnswers: ANSWERS, backupCodesSaved: true },
      { username: 'forgot.user', displayName: 'Forgot User', password: START, totpSecret: SECRET, securityAnswers: ANSWERS },
    ],
    { scope: 'worker' },
  ],
});

/** Each seeded account's last code step (codes are single use per account). */
const usedSteps = new Map<string, { value: number }>();
function codeFor(username: string): Promise<string> {
  if (!usedSteps.has(username)) usedSteps.set(username, { value: 0 });
  return freshCode(SECRET, usedSteps.get(username)!);
}

async function passcodeStep(page: Page, username: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(await codeFor(username));
  await page.getByRole('button', { name: 'Log On' }).click();
}

test('a wrong phone number is said next to it, focused, and clears once the number changes', async ({
  page,
  stack,
}) => {
  const temp = stack.tempUsers.find((u) => u.username === 'phone.user')!;
  await signIn(page, stack, temp.username, temp.password);
  await page.getByRole('button', { name: 'Start setup' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  const number = page.getByLabel('Phone number (with country code)');
  await number.fill('602 555 0100');
  await page.getByRole('button', { name: 'Continue' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'Enter the number with its country code' });
  await expect(error).toBeVisible();
  await expect(number).toBeFocused();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAccessibleDescription(/Enter the number with its country code/);

  await number.fill('+1 602 555 0100');
  await expect(error).toHaveCount(0);
  await expect(number).not.toHaveAttribute('aria-invalid', 'true');

  // The check box not ticked: said next to it, which takes the focus.
  await page.getByRole('button', { name: 'Continue' }).click();
  const check = page.getByLabel(/is the correct number/);
  await expect(page.getByRole('alert').filter({ hasText: 'Check the box' })).toBeVisible();
  await expect(check).toBeFocused();
  await check.check();
  await expect(page.getByRole('alert').filter({ hasText: 'Check the box' })).toHaveCount(0);
  // The browser host keeps its state between this file's tests: leave signed out.
  await page.getByRole('button', { name: 'Cancel and log off' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});

test('"The old password is incorrect" sits by Old password, takes the focus, and goes when it changes', async ({
  page,
  stack,
}) => {
  await signIn(page, stack, 'fix.user', START);
  await expectSignedInAs(page, 'Fix User');
  await page.getByRole('button', { name: 'Fix User' }).click();
  await page.getByRole('menuitem', { name: 'Change password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change password' });
  await dialog.getByRole('button', { name: 'Continue' }).click();

  const old = dialog.getByLabel('Old password');
  await old.fill('Not-The-Old-One-19');
  await dialog.getByLabel('New password', { exact: true }).fill('Velvet-Harbour-Quill-26');
  await dialog.getByLabel('Confirm new password').fill('Velvet-Harbour-Quill-26');
  await dialog.getByRole('button', { name: 'OK' }).click();

  const error = dialog.getByRole('alert').filter({ hasText: 'The old password is incorrect.' });
  await expect(error).toBeVisible();
  await expect(old).toBeFocused();
  await expect(old).toHaveAccessibleDescription(/The old password is incorrect\./);
  await old.fill(START);
  await expect(error).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Fix User' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});

test('a refused new password in the forced change sits by New password, takes the focus, and goes when it changes', async ({
  page,
  stack,
}) => {
  await signIn(page, stack, 'expired.user', START);
  await expect(page.getByRole('heading', { name: 'Your password has expired' })).toBeVisible();
  const next = page.getByLabel('New password', { exact: true });
  await next.fill(START);
  await page.getByLabel('Confirm new password').fill(START);
  await page.getByRole('button', { name: 'Change password' }).click();

  const error = page.getByRole('alert').filter({ hasText: 'one of your recent passwords' });
  await expect(error).toBeVisible();
  await expect(next).toBeFocused();
  await expect(next).toHaveAttribute('aria-invalid', 'true');
  await expect(next).toHaveAccessibleDescription(/one of your recent passwords/);
  // Nothing else on the page says it (not a second copy at the top).
  await expect(page.getByText('one of your recent passwords')).toHaveCount(1);
  await next.fill('Velvet-Harbour-Quill-26');
  await expect(error).toHaveCount(0);
  await expect(next).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});

test('a problem on the security questions step sits by its question or answer, takes the focus, and goes when it changes', async ({
  page,
  stack,
}) => {
  await signIn(page, stack, 'questions.user', START);
  await passcodeStep(page, 'questions.user');
  await expect(page.getByRole('heading', { name: 'Set up your security questions' })).toBeVisible();

  // No question chosen: said by Question 1.
  await page.getByRole('button', { name: 'Continue' }).click();
  const first = page.getByLabel('Question 1', { exact: true });
  const count = page.getByRole('alert').filter({ hasText: 'Choose exactly 2 questions from the list.' });
  await expect(count).toBeVisible();
  await expect(first).toBeFocused();
  await expect(first).toHaveAccessibleDescription(/Choose exactly 2 questions/);
  await first.selectOption({ index: 1 });
  await expect(count).toHaveCount(0);

  await page.getByLabel('Question 2', { exact: true }).selectOption({ index: 2 });
  await page.getByLabel('Answer 1', { exact: true }).fill('Answer number 1');
  await page.getByLabel('Answer 2', { exact: true }).fill('Answer number 2');
  await page.getByLabel('Your own question').fill('What was the name of my first boat?');
  // The same answer twice: said by the second one.
  const third = page.getByLabel('Answer 3', { exact: true });
  await third.fill('answer number 2');
  await page.getByRole('button', { name: 'Continue' }).click();
  const distinct = page.getByRole('alert').filter({ hasText: 'Use a different answer for each question.' });
  await expect(distinct).toBeVisible();
  await expect(third).toBeFocused();
  await expect(third).toHaveAttribute('aria-invalid', 'true');
  await expect(third).toHaveAccessibleDescription(/Use a different answer/);
  await third.fill('Sea Breeze');
  await expect(distinct).toHaveCount(0);
  await expect(third).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('dialog', { name: 'Stop activating your account?' }).getByRole('button', { name: 'Log Off' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});

test('a phone number without its country code, when adding a device, is said next to it and goes once it changes', async ({
  page,
  stack,
}) => {
  test.setTimeout(120_000);
  await signIn(page, stack, 'device.user', START);
  await passcodeStep(page, 'device.user');
  await expectSignedInAs(page, 'Device User');
  await page.getByRole('button', { name: 'Device User' }).click();
  await page.getByRole('menuitem', { name: 'My Settings & Devices' }).click();
  await page.getByRole('button', { name: 'Add another device' }).click();
  const stepUp = page.getByRole('form', { name: 'Confirm it is you' });
  await stepUp.getByLabel('Password', { exact: true }).fill(START);
  await stepUp.getByLabel(/Current passcode/).fill(await codeFor('device.user'));
  await stepUp.getByRole('button', { name: 'Confirm' }).click();

  const addForm = page.getByRole('form', { name: 'Add another device' });
  await addForm.getByLabel('Device').selectOption('mobile');
  const number = addForm.getByLabel('Phone number (with country code)');
  await number.fill('602 555 0100');
  await addForm.getByRole('button', { name: 'Continue' }).click();
  const error = addForm.getByRole('alert').filter({ hasText: 'Enter the number with its country code' });
  await expect(error).toBeVisible();
  await expect(number).toBeFocused();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAccessibleDescription(/Enter the number with its country code/);
  await expect(page.getByRole('form', { name: 'Scan and confirm' })).toHaveCount(0);
  await number.fill('+1 602 555 0100');
  await expect(error).toHaveCount(0);
  await expect(number).not.toHaveAttribute('aria-invalid', 'true');
  await addForm.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Device User' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});

test('Forgot your password?: a wrong code and wrong answers sit by their fields, take the focus, and go when they change', async ({
  page,
  stack,
}) => {
  await page.goto(stack.hostUrl);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Username').fill('forgot.user');
  await page.getByRole('button', { name: 'Continue' }).click();

  const passcode = page.getByLabel('Or enter a passcode');
  await passcode.fill(wrongCode());
  await page.getByRole('button', { name: 'Continue' }).click();
  const codeError = page.getByRole('alert').filter({ hasText: 'That code is not valid.' });
  await expect(codeError).toBeVisible();
  await expect(passcode).toBeFocused();
  await expect(passcode).toHaveAccessibleDescription(/That code is not valid\./);
  await passcode.fill(await codeFor('forgot.user'));
  await expect(codeError).toHaveCount(0);
  await expect(passcode).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Answer your security questions' })).toBeVisible();
  const pet = page.getByLabel('What was the name of your first pet?');
  await pet.fill('biscuit the cat');
  await page.getByLabel('In what city were you born?').fill('Porto');
  await page.getByLabel(ANSWERS.custom.question).fill('Sea Breeze');
  await page.getByRole('button', { name: 'Continue' }).click();
  const wrong = page.getByRole('alert').filter({ hasText: 'not correct' });
  await expect(wrong).toBeVisible();
  await expect(pet).toBeFocused();
  await expect(pet).toHaveAccessibleDescription(/not correct/);
  await pet.fill('Biscuit the Cat');
  await expect(wrong).toHaveCount(0);
  await expect(pet).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Back to sign in' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});
