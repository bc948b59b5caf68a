/**
 * Passwords end to end in Chromium: finishing activation (security questions +
 * password change → logged off → sign in with the new password), *Change
 * password…* from the account menu, a lockout showing the support contacts,
 * and a forced change when the password has expired. *Forgot your
 * password?* is `password-reset.spec.ts`.
 */
import { expect, signIn, test } from './fixtures';
import { expectSignedInAs, passSecondFactor, SECRET, setNewPassword, signOut } from './password-journeys';

const TEMP = 'Tempo-Rary-Start-42';
const START = 'Sturdy-Lantern-73!';

test.use({
  // An array option is given as [value, options] to Playwright.
  seedAccounts: [
    [
      {
        username: 'act.user',
        displayName: 'Activation User',
        password: TEMP,
        mustChangePassword: true,
        totpSecret: SECRET,
        backupCodesSaved: true,
      },
      { username: 'change.user', displayName: 'Change User', password: START },
      { username: 'lock.user', displayName: 'Lock User', password: START },
      { username: 'old.user', displayName: 'Old User', password: START, passwordAgeDays: 91 },
      { username: 'near.user', displayName: 'Near User', password: START, passwordAgeDays: 80 },
    ],
    { scope: 'worker' },
  ],
});
test.describe.configure({ mode: 'serial' });

test('finishing activation: security questions, new password, logged off, sign in with it', async ({
  page,
  stack,
}) => {
  test.setTimeout(180_000);
  const next = 'Copper-Meadow-Falcon-58';
  await signIn(page, stack, 'act.user', TEMP);
  await passSecondFactor(page);

  await expect(page.getByRole('heading', { name: 'Set up your security questions' })).toBeVisible();
  await expect(page.getByText('Answers are case sensitive.', { exact: false }).first()).toBeVisible();
  await page.getByLabel('Question 1', { exact: true }).selectOption('first-pet');
  await page.getByLabel('Answer 1', { exact: true }).fill('Biscuit');
  await page.getByLabel('Question 2', { exact: true }).selectOption('first-car');
  await page.getByLabel('Answer 2', { exact: true }).fill('Blue Fiat Panda');
  // A custom question that is too short is refused with a clear message.
  await page.getByLabel('Your own question').fill('Boat?');
  await page.getByLabel('Answer 3', { exact: true }).fill('Sea Breeze');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 10 characters');
  await page.getByLabel('Your own question').fill('What was the name of my first boat?');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Change your default password' })).toBeVisible();
  // The temporary password can never become the new one (the server says so).
  await setNewPassword(page, TEMP);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toContainText('one of your recent passwords');
  await setNewPassword(page, next);
  await expect(page.locator('[data-rule="min-length"]')).toHaveAttribute('data-state', 'met');
  await expect(page.locator('[data-rule="classes"]')).toHaveAttribute('data-state', 'met');
  await page.getByRole('button', { name: 'Change password' }).click();

  // "Password change is complete" → OK → logged off; the sign-in form says why; the new password works.
  await expect(page.getByRole('heading', { name: 'Password change is complete' })).toBeVisible();
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  await expect(page.getByText(/Password changed/)).toBeVisible();
  await signIn(page, stack, 'act.user', next);
  await passSecondFactor(page);
  await expectSignedInAs(page, 'Activation User');
  await signOut(page, 'Activation User');
});

test('Change password… from the account menu: notice, live checklist, logged off', async ({
  page,
  stack,
}) => {
  const next = 'Velvet-Harbour-Quill-26';
  await signIn(page, stack, 'change.user', START);
  await expectSignedInAs(page, 'Change User');
  await page.getByRole('button', { name: 'Change User' }).click();
  await page.getByRole('menuitem', { name: 'Change password…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Change password' });
  await expect(dialog).toContainText('logged off after a successful password change');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  // Nothing typed yet: the checklist marks nothing as failed.
  await expect(dialog.getByRole('list', { name: 'Password requirements' })).toBeVisible();
  await expect(dialog.locator('[data-state="unmet"]')).toHaveCount(0);
  await dialog.getByLabel('Old password').fill(START);
  await dialog.getByLabel('New password', { exact: true }).fill('short');
  await expect(dialog.locator('[data-rule="min-length"]')).toHaveAttribute('data-state', 'unmet');
  await expect(dialog.locator('[data-rule="not-recent"]')).toHaveAttribute('data-state', 'pending');
  await dialog.getByLabel('New password', { exact: true }).fill(next);
  await expect(dialog.locator('[data-rule="min-length"]')).toHaveAttribute('data-state', 'met');
  await dialog.getByLabel('Confirm new password').fill(next);
  await dialog.getByRole('button', { name: 'OK' }).click();

  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  await expect(page.getByText(/Password changed/)).toBeVisible();
  await signIn(page, stack, 'change.user', START);
  await expect(page.getByRole('alert')).toContainText('incorrect');
  await signIn(page, stack, 'change.user', next);
  await expectSignedInAs(page, 'Change User');
  await signOut(page, 'Change User');
});

test('five failures lock the account: warnings, then the support contacts', async ({ page, stack }) => {
  for (let i = 1; i <= 5; i++) {
    await signIn(page, stack, 'lock.user', `Wrong-Password-${i}`);
    if (i === 3) await expect(page.getByText('2 attempts left before your account is locked')).toBeVisible();
    if (i === 4) await expect(page.getByText('1 attempt left before your account is locked')).toBeVisible();
    if (i < 5) await expect(page.getByRole('alert')).toContainText('incorrect');
  }
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Your account is locked');
  await expect(alert).toContainText('(877) 324-4776');
  await expect(alert).toContainText('(602) 324-4780');
  await expect(alert).toContainText('support@example.com');
  // The right password is refused while locked.
  await signIn(page, stack, 'lock.user', START);
  await expect(page.getByRole('alert')).toContainText('Your account is locked');
});

test('an expired password goes straight to a forced change', async ({ page, stack }) => {
  const next = 'Saffron-Tunnel-Beacon-37';
  await signIn(page, stack, 'old.user', START);
  await expect(page.getByRole('heading', { name: 'Your password has expired' })).toBeVisible();
  // Not an activation: no activation step indicator.
  await expect(page.getByRole('navigation', { name: 'Account activation' })).toHaveCount(0);
  await setNewPassword(page, START);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toContainText('one of your recent passwords');
  await setNewPassword(page, next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Password change is complete' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account activation' })).toHaveCount(0);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByText(/Password changed/)).toBeVisible();
  await signIn(page, stack, 'old.user', next);
  await expectSignedInAs(page, 'Old User');
  await signOut(page, 'Old User');
});

test('from 14 days before expiry the client shows the days left, with Change password…', async ({
  page,
  stack,
}) => {
  await signIn(page, stack, 'near.user', START);
  await expectSignedInAs(page, 'Near User');
  const banner = page.getByRole('status').filter({ hasText: 'Your password expires in 10 days.' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Change password…' }).click();
  await expect(page.getByRole('dialog', { name: 'Change password' })).toContainText('logged off');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await signOut(page, 'Near User');
});
