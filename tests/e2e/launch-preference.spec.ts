/**
 * The guide's troubleshooting: in the drop-down next to the user's name,
 * *Change Citrix Receiver* → *Use light version*. Then the tiles start the
 * light version (no per-tile link any more), and the choice outlives a
 * sign-out for that user; *Use installed client* goes back.
 */
import { test, expect, signIn } from './fixtures';

test('Change Citrix Receiver → Use light version: tiles start the light version, kept for the user', async ({
  page,
  stack,
}) => {
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  const allApps = page.getByRole('region', { name: 'All apps' });
  await expect(allApps.getByRole('button', { name: 'Use light version: 7-Zip File Manager' })).toBeVisible();

  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Change Citrix Receiver' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change Citrix Receiver' });
  await expect(dialog).toContainText('Apps start with the installed client.');
  await expect(dialog).toContainText(
    'not able to access your local resources like your clipboard or local drives',
  );
  await dialog.getByRole('button', { name: 'Use light version' }).click();
  await expect(dialog).toHaveCount(0);
  // Every tile starts the light version now: the per-tile link would say the same.
  await expect(allApps.getByRole('button', { name: /^Use light version/ })).toHaveCount(0);

  const newTab = page.context().waitForEvent('page');
  await allApps.getByRole('button', { name: /^7-Zip File Manager/ }).click();
  const tab = await newTab;
  await tab.waitForLoadState('domcontentloaded');
  expect(new URL(tab.url()).pathname).toBe('/light/7zip');
  await tab.close();
  await expect(
    page.getByRole('status').filter({ hasText: '7-Zip File Manager started in the light version' }),
  ).toBeVisible();

  // Kept for this user on this portal: still chosen after signing out and in.
  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await expect(allApps.getByRole('button', { name: /^7-Zip File Manager/ })).toBeVisible();
  await expect(allApps.getByRole('button', { name: /^Use light version/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Change Citrix Receiver' }).click();
  await expect(dialog).toContainText('Apps start in the light version');
  await dialog.getByRole('button', { name: 'Use installed client' }).click();
  await expect(allApps.getByRole('button', { name: 'Use light version: 7-Zip File Manager' })).toBeVisible();
});
