import { test, expect, signIn } from './fixtures';

// A portal with a very short idle timeout, so the session ends during the test.
test.use({ serverConfig: { sessions: { idleTimeoutSeconds: 3 } } });

test('an idle session ends on the session-expired screen and signing in again returns there', async ({
  page,
  stack,
}) => {
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
  await page.getByLabel('Search apps').fill('eclipse');

  // No activity: the client notices the portal ended the session.
  await expect(page.getByText(/Your session ended after a period of inactivity/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('Username')).toHaveValue(stack.demo.username);
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();

  await page.getByLabel('Password', { exact: true }).fill(stack.demo.password);
  await page.getByRole('button', { name: 'Log On' }).click();
  await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();

  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  await expect(page.getByText(/Your session ended/)).toHaveCount(0);
});
