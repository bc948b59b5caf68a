/**
 * Verified push end to end in Chromium, with a second browser page acting as
 * the phone: the sign-in screen shows a 3-digit code, the phone asks for it
 * before *Approve*; a wrong code denies the push and warns about the attempts
 * left; *This wasn't me* ends the session and mutes pushes (the sign-in
 * screen offers a passcode instead). Every push here runs on the default
 * expiry, so typing the code never races a timer; the timeout has its own
 * stack in push-timeout.spec.ts.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { expectSignedInAs, freshCode, SECRET, signOut } from './password-journeys';
import { approveWithCode, shownPushCode } from './push-code';

const BIND_TOKEN = 'e2e-verified-push-bind-token-0123456789abcd';
const USER = 'push.verified';
const NAME = 'Verified Push';
const PASSWORD = 'Sturdy-Lantern-73!';

test.use({
  seedAccounts: [
    [
      {
        username: USER,
        displayName: NAME,
        password: PASSWORD,
        totpSecret: SECRET,
        approverBindToken: BIND_TOKEN,
      },
    ],
    { scope: 'worker' },
  ],
  // The default push expiry; the attempts warning from the first failure on.
  serverConfig: [{ lockout: { warnWhenAttemptsLeft: 4 } }, { scope: 'worker' }],
});
test.describe.configure({ mode: 'serial' });

let phone: Page | null = null;
/** The phone page, bound once through the seeded link. */
async function boundPhone(browser: Browser, portalUrl: string): Promise<Page> {
  if (phone) return phone;
  phone = await (await browser.newContext()).newPage();
  await phone.goto(`${portalUrl}/approver#bind=${BIND_TOKEN}`);
  await expect(phone.getByRole('status')).toContainText('Linked to', { timeout: 20_000 });
  return phone;
}

const chooser = (page: Page) => page.getByRole('heading', { name: 'Choose an authentication method' });

test('the right code on the phone approves the push and signs in', async ({ page, stack, browser }) => {
  test.setTimeout(120_000);
  const request = (await boundPhone(browser, stack.portalUrl))
    .getByRole('article')
    .filter({ hasText: 'Sign-in request' });
  await signIn(page, stack, USER, PASSWORD);
  await expect(chooser(page)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  await expect(page.getByText('Type this code on your phone, then tap Approve:')).toBeVisible();
  const code = await shownPushCode(page);
  // The phone shows the request but not the code; Approve waits for it.
  await expect(request).toContainText('Portico desktop sign-in');
  await expect(request).not.toContainText(code);
  await expect(request.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await approveWithCode(page, request, code);
  await expectSignedInAs(page, NAME);
  await signOut(page, NAME);
});

test('a wrong code denies the push and warns about the attempts left', async ({
  page,
  stack,
  browser,
}) => {
  test.setTimeout(120_000);
  const request = (await boundPhone(browser, stack.portalUrl))
    .getByRole('article')
    .filter({ hasText: 'Sign-in request' });
  await signIn(page, stack, USER, PASSWORD);
  await expect(chooser(page)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  const code = await shownPushCode(page);
  await approveWithCode(page, request, String((Number(code) + 1) % 1000).padStart(3, '0'));
  await expect(phone!.getByRole('alert').filter({ hasText: 'does not match' })).toBeVisible();
  const notice = page.getByRole('status').filter({ hasText: 'did not match' });
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice).toContainText('Careful: 4 attempts left before your account is locked.');
  await page.getByRole('button', { name: 'Cancel and log off' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
});

test("This wasn't me ends the session and mutes pushes: a passcode instead", async ({
  page,
  stack,
  browser,
}) => {
  test.setTimeout(120_000);
  const request = (await boundPhone(browser, stack.portalUrl))
    .getByRole('article')
    .filter({ hasText: 'Sign-in request' });
  // Signed in with a passcode on this computer.
  await signIn(page, stack, USER, PASSWORD);
  await expect(chooser(page)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Enter a Passcode' }).click();
  await page.getByLabel(/Passcode/).fill(await freshCode());
  await page.getByRole('button', { name: 'Log On' }).click();
  await expectSignedInAs(page, NAME);

  // Someone else has the password and sends a push; the user reports it.
  const call = async (path: string, body: unknown) => {
    const response = await fetch(new URL(path, stack.portalUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { flowToken?: string };
  };
  const step = await call('/api/v1/auth/sign-in', { username: USER, password: PASSWORD });
  await call('/api/v1/auth/mfa/push', { flowToken: step.flowToken });
  await request.getByRole('button', { name: "This wasn't me" }).click();
  await expect(phone!.getByRole('alert').filter({ hasText: 'Reported.' })).toBeVisible();

  // This computer's session ended: the next call to the portal lands on the sign-in form.
  await page.getByRole('button', { name: 'My Settings & Devices' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible({ timeout: 30_000 });
  await signIn(page, stack, USER, PASSWORD);
  await expect(chooser(page)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  await expect(page.getByRole('alert')).toContainText('Pushes are paused');
  await expect(page.getByLabel(/Passcode/)).toBeVisible();
});
