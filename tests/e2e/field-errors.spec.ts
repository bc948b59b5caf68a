/**
 * Errors in sight: each sits next to its field, is announced, takes the focus
 * to the field the user must fix, and goes as soon as that field changes
 * (the phone number during device setup, the old password in *Change password…*).
 */
import { expect, signIn, test } from './fixtures';
import { expectSignedInAs } from './password-journeys';

const START = 'Sturdy-Lantern-73!';

test.use({
  tempUsers: ['phone.user'],
  seedAccounts: [[{ username: 'fix.user', displayName: 'Fix User', password: START }], { scope: 'worker' }],
});

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
});
