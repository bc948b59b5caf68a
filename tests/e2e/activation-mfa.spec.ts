/**
 * Activation and second factor end to end: a new user activates with a temporary password,
 * enrolls an authenticator (codes computed from the key on screen), saves
 * the backup codes (file checked), links a phone browser as the approver
 * (a second browser context is the phone), and then signs in with a push,
 * a backup code (single use), a denied push, the push limits, and
 * *Remember me for 8 hours*. Pushes run on the default expiry, so approving
 * (typing the code on the phone) never races a timer; the timeout path has
 * its own stack in push-timeout.spec.ts.
 */
import type { Browser, Page } from '@playwright/test';
import { addRecoveryMethods, answerSecurityQuestions, changeTemporaryPassword, expectStep, freshCode } from './activation-journey';
import { expect, signIn, test } from './fixtures';
import { approveWithCode } from './push-code';

const USER = 'new.user';
const NEW_PASSWORD = 'Tangerine-Harbor-Kettle-91!';

test.use({ tempUsers: [USER], serverConfig: { mfa: { push: { maxPending: 3, maxPerWindow: 5, windowSeconds: 600 } } } });
test.describe.configure({ mode: 'serial' });

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /New User/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
}

/**
 * Signs in through the form. Right after a sign-out, a late `auth:changed`
 * event may still clear the form; if the form reports an empty password, fill
 * it again (the user would simply retype it).
 */
async function logOn(page: Page, stack: Parameters<typeof signIn>[1], username: string, password: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await signIn(page, stack, username, password);
    const empty = page.getByRole('alert').filter({ hasText: 'Enter your password.' });
    // The check for an empty password is synchronous in the form: a short pause is enough.
    await page.waitForTimeout(300);
    if (!(await empty.isVisible())) return;
  }
}

async function expectLauncher(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /New User/ })).toBeVisible({ timeout: 20_000 });
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test('activation, push, backup code, deny, limits and remember me', async ({ page, stack, browser }) => {
  test.setTimeout(300_000);
  const temp = stack.tempUsers.find((u) => u.username === USER)!;
  const lastStep = { value: 0 };

  // ── Activation: *Protect your account* → device → phone → app → QR/key → code ──
  await signIn(page, stack, temp.username, temp.password);
  await expect(page.getByRole('heading', { name: /^Protect Your .+ Account$/ })).toBeVisible();
  await expectStep(page, 1, 'Add a device');
  await page.getByRole('button', { name: 'Start setup' }).click();
  await expect(page.getByRole('radio', { name: /Mobile phone/ })).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Phone number (with country code)').fill('+1 602 555 0100');
  await page.getByLabel(/is the correct number/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Android' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'I have the app installed' }).click();

  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const keyText = (await page.locator('.key-text code').innerText()).replace(/\s+/g, '');
  expect(keyText).toMatch(/^[A-Z2-7]{32}$/);

  // The phone opens the binding link (a separate browser: another device).
  const bindUrl = (await page.locator('.bind-url').innerText()).trim();
  const phone = await phonePage(browser);
  await phone.goto(bindUrl);
  await expect(phone.getByRole('status')).toContainText('Linked to');
  await expect(page.getByText('✓ Phone linked for pushes.')).toBeVisible({ timeout: 15_000 });

  // *Verify* is in view without scrolling at 1280×800.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('button', { name: 'Verify' })).toBeInViewport({ ratio: 1 });
  // A wrong code first: the error next to the code field, announced; the field keeps the code and the focus.
  const wrong = String((Number(await freshCode(keyText, { value: 0 })) + 1) % 1_000_000).padStart(6, '0');
  const codeField = page.getByLabel('6-digit code from the app');
  await codeField.fill(wrong);
  await page.getByRole('button', { name: 'Verify' }).click();
  const fieldError = page.locator('.field .field-error[role="alert"]');
  await expect(fieldError).toContainText('not valid');
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveValue(wrong);
  await expect(codeField).toHaveAttribute('aria-describedby', (await fieldError.getAttribute('id'))!);
  await codeField.fill(await freshCode(keyText, lastStep));
  await page.getByRole('button', { name: 'Verify' }).click();

  // ── *My Settings & Devices*, *When I Log In* kept at its default, then *Continue to login* ──
  await expect(page.getByText('Your device was added.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'My Settings & Devices' })).toBeVisible();
  await expectStep(page, 1, 'Add a device');
  await expect(page.getByRole('list', { name: 'Your devices' })).toContainText('Mobile phone');
  await expect(page.getByLabel('When I Log In')).toHaveValue('ask');
  await expect(page.getByRole('option', { name: 'Ask me to choose an authentication method' })).toBeAttached();
  await page.getByRole('button', { name: 'Continue to login' }).click();

  // ── *Choose an authentication method* with the green banner; the first push, approved on the phone ──
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible();
  await expectStep(page, 2, 'Log On');
  await expect(page.locator('.enrollment-banner')).toContainText('enrollment was successful');
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  const request = phone.getByRole('article').filter({ hasText: 'Sign-in request' });
  await approveWithCode(page, request);

  // ── Security questions (2 from the list, a third of one's own) ──
  await expect(page.getByRole('heading', { name: 'Set up your security questions' })).toBeVisible();
  await expectStep(page, 3, 'Security questions');
  // *Cancel* asks before it logs off; *Keep setting up* stays.
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const stop = page.getByRole('dialog', { name: 'Stop activating your account?' });
  await expect(stop).toBeVisible();
  await stop.getByRole('button', { name: 'Keep setting up' }).click();
  await expect(stop).toHaveCount(0);
  await answerSecurityQuestions(page);

  // ── Recovery methods (the phone is the recovery phone), then the new password ──
  const codes = await addRecoveryMethods(page, { addPhone: false, username: USER });
  expect(codes).toHaveLength(10);
  await changeTemporaryPassword(page, NEW_PASSWORD);
  const password = NEW_PASSWORD;

  // ── Sign in with *Send Me a Push*, approved on the phone ──
  await logOn(page, stack, USER, password);
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible();
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  await expect(page.getByText(/It expires in \d+ s/)).toBeVisible();
  await expect(request).toContainText('Portico desktop sign-in');
  await expect(request).toContainText('127.0.0.1');
  await approveWithCode(page, request);
  // The phone keeps its answer on screen after it has reloaded the (now empty) list.
  await expect(request).toHaveCount(0);
  await expect(phone.locator('#result')).toHaveText('Approved.');
  await expectLauncher(page);
  await signOut(page);

  // ── A backup code works once ──
  const logOnWithFirstBackupCode = async () => {
    await logOn(page, stack, USER, password);
    await page.getByRole('button', { name: 'Enter a Passcode' }).click();
    await page.getByLabel(/Passcode/).fill(codes[0]!);
    await page.getByRole('button', { name: 'Log On' }).click();
  };
  await logOnWithFirstBackupCode();
  await expectLauncher(page);
  await signOut(page);
  await logOnWithFirstBackupCode();
  await expect(page.getByRole('alert')).toContainText('not valid');
  await page.getByRole('button', { name: 'Back' }).click();

  // ── Deny: its own message ──
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  await request.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'denied' })).toBeVisible();
  await expect(request).toHaveCount(0);
  await expect(phone.locator('#result')).toHaveText('Denied.');

  // ── Limits: 5 pushes per 10 minutes (3 used above, the activation's first push included; 2 more, then refused) ──
  for (let i = 0; i < 2; i += 1) {
    await page.getByRole('button', { name: /Send Me a Push/ }).click();
    await expect(page.getByText(/It expires in \d+ s/)).toBeVisible();
    // A new request takes the phone's last answer ("Denied.") away.
    if (i === 0) {
      await expect(request).toBeVisible();
      await expect(phone.locator('#result')).toHaveText('');
    }
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  }
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  await expect(page.getByRole('alert')).toContainText('Too many pushes');

  // ── *Remember me for 8 hours*, then a sign-in without a prompt ──
  await page.getByLabel('Remember me for 8 hours').check();
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(await freshCode(keyText, lastStep));
  await page.getByRole('button', { name: 'Log On' }).click();
  await expectLauncher(page);
  await signOut(page);
  await logOn(page, stack, USER, password);
  await expectLauncher(page);
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toHaveCount(0);
  await phone.context().close();
});
