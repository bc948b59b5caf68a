/**
 * An unanswered push times out, in its own portal stack with the shortest
 * push expiry the portal allows (the approve paths in activation-mfa and
 * verified-push run on the default expiry). Nothing here has to happen
 * before the expiry: the test sends the push and then waits for the
 * *timed out* message the expiry produces, and for the phone to drop the
 * request.
 */
import { expect, signIn, test } from './fixtures';
import { SECRET } from './password-journeys';

const BIND_TOKEN = 'e2e-push-timeout-bind-token-0123456789abcde';
const USER = 'push.timeout';
const PASSWORD = 'Quiet-Meadow-Clock-58!';
/** The portal's minimum push expiry. */
const PUSH_EXPIRY_SECONDS = 5;

test.use({
  seedAccounts: [
    [{ username: USER, displayName: 'Push Timeout', password: PASSWORD, totpSecret: SECRET, approverBindToken: BIND_TOKEN }],
    { scope: 'worker' },
  ],
  serverConfig: [{ mfa: { push: { expirySeconds: PUSH_EXPIRY_SECONDS } } }, { scope: 'worker' }],
});

test('an unanswered push times out with its own message; the phone drops the request', async ({ page, stack, browser }) => {
  test.setTimeout(120_000);
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(`${stack.portalUrl}/approver#bind=${BIND_TOKEN}`);
  await expect(phone.getByRole('status')).toContainText('Linked to', { timeout: 20_000 });

  await signIn(page, stack, USER, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Choose an authentication method' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: /Send Me a Push/ }).click();
  // The expiry (not a timer in this test) ends the wait: its own message, and the chooser again.
  await expect(page.getByRole('status').filter({ hasText: 'timed out' })).toBeVisible({
    timeout: (PUSH_EXPIRY_SECONDS + 30) * 1000,
  });
  await expect(page.getByRole('status').filter({ hasText: 'timed out' })).toContainText(
    'Send another push or enter a passcode.',
  );
  await expect(page.getByRole('button', { name: /Send Me a Push/ })).toBeEnabled();
  // The phone lists pending requests only: the expired one is gone.
  await expect(phone.getByRole('article').filter({ hasText: 'Sign-in request' })).toHaveCount(0, { timeout: 20_000 });
  await expect(phone.getByRole('status')).toContainText('No sign-in requests right now.');

  await page.getByRole('button', { name: 'Cancel and log off' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  await phone.context().close();
});
