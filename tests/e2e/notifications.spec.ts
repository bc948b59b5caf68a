/**
 * Notifications: in the browser host, a notice main sends (here: the portal ended
 * the idle session) reaches the user as an in-app toast when the browser
 * has no notification permission. It goes by itself after a few seconds, but
 * not while the pointer rests on it, and is dismissed with the keyboard.
 */
import { test, expect, signIn } from './fixtures';

// A portal with a very short idle timeout, so the session ends during the test.
test.use({ serverConfig: { sessions: { idleTimeoutSeconds: 3 } } });

test('"Session ended" shows as an in-app notice', async ({ page, stack }) => {
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();

  const notices = page.getByRole('status', { name: 'Notifications' });
  await expect(notices).toContainText('Session ended', { timeout: 30_000 });
  await expect(notices).toContainText('Your portal session ended. Sign in again to continue.');
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();

  // The pointer on the notices stops their clock: it stays while being read.
  await notices.hover();
  const dismiss = notices.getByRole('button', { name: 'Dismiss: Session ended' });
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(notices).not.toContainText('Session ended');
});
