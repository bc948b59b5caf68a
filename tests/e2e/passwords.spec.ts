/**
 * Passwords end to end in Chromium: finishing activation (security questions +
 * password change → logged off → sign in with the new password), *Change
 * password…* from the account menu, *Forgot your password?* with a second
 * factor first (a passcode, or a push approved on a second browser page
 * acting as the phone) and then the questions, the same screens for a name
 * without an account, a lockout showing the support contacts, and
 * a forced change when the password has expired.
 */
import type { Browser, Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { expectNoSeriousAxeViolations } from './axe-check';
import { expect, signIn, test } from './fixtures';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** One-time link that binds the "phone" page to push.reset's device (seeded). */
const BIND_TOKEN = 'e2e-reset-push-bind-token-0123456789abcdefg';
const TEMP = 'Tempo-Rary-Start-42';
const START = 'Sturdy-Lantern-73!';
const ANSWERS = {
  chosen: [
    { questionId: 'first-pet', answer: 'Biscuit the Cat' },
    { questionId: 'birth-city', answer: 'Porto' },
  ],
  custom: { question: 'What was the name of my first boat?', answer: 'Sea Breeze' },
};

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
      { username: 'lock.user', displayName: 'Lock User', password: START },
      { username: 'old.user', displayName: 'Old User', password: START, passwordAgeDays: 91 },
      { username: 'near.user', displayName: 'Near User', password: START, passwordAgeDays: 80 },
    ],
    { scope: 'worker' },
  ],
});
test.describe.configure({ mode: 'serial' });

/** A TOTP code for a time step not used before (codes are single use). */
const lastStep = { value: 0 };
async function freshCode(): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    if (step > lastStep.value) {
      lastStep.value = step;
      return generateSync({ secret: SECRET, epoch: Math.floor(Date.now() / 1000) });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The second-factor screen: *Enter a Passcode*. */
async function passSecondFactor(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(await freshCode());
  await page.getByRole('button', { name: 'Log On' }).click();
}

async function setNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
}

async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('button', { name })).toBeVisible({ timeout: 20_000 });
}

async function signOut(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
}

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

/** A well-formed passcode the seeded authenticator does not accept now (nor in the neighbouring steps). */
function wrongCode(): string {
  const now = Math.floor(Date.now() / 1000);
  const near = new Set([-30, 0, 30, 60].map((d) => generateSync({ secret: SECRET, epoch: now + d })));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.has(c))!;
}

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
    if (i === 3) await expect(page.getByRole('alert')).toContainText('2 attempts left before your account is locked');
    if (i === 4) await expect(page.getByRole('alert')).toContainText('1 attempt left before your account is locked');
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
  await expect(page.getByRole('status').filter({ hasText: 'denied on your phone' })).toBeVisible({ timeout: 20_000 });

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
  await request.getByRole('button', { name: 'Approve' }).click();
  // Approved: only now the account's questions, then the new password.
  await expect(page.getByRole('heading', { name: 'Answer your security questions' })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('What was the name of your first pet?').fill('Biscuit the Cat');
  await page.getByLabel('In what city were you born?').fill('Porto');
  await page.getByLabel(ANSWERS.custom.question).fill('Sea Breeze');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await setNewPassword(page, next);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expectSignedInAs(page, 'Push Reset');
  await signOut(page, 'Push Reset');
  await phone.context().close();
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
