/**
 * New-user requests and administration end to end (Chromium, browser host, real portal): a user files
 * new-user requests and watches their status change live; a manager approves
 * one in *Administration* (editable suggested username, temporary password
 * shown once with *Copy*), the new user signs in with it and activates the
 * account (authenticator, backup codes, questions, new password); the manager sees it all in *Activity* and exports it; a manager
 * unlocks an account locked by wrong passwords and issues a new temporary
 * password; a normal user has no
 * Administration and gets 403 from every admin route.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { activateWithAuthenticator, enterPasscode } from './activation-journey';
import { expect, signIn, test, type Stack } from './fixtures';

const MANAGER = { username: 'pm', displayName: 'Pat Manager', password: 'Harbor-Lantern-Quartz-58!' };
const WORKER = { username: 'worker', displayName: 'Wendy Worker', password: 'Meadow-Copper-Violet-27!' };
const LOCKED = { username: 'lockme', displayName: 'Larry Lambert', password: 'Granite-Willow-Ember-36!' };

// An array option is given as [value, options] to Playwright.
test.use({ seedAccounts: [[MANAGER, WORKER, LOCKED], { scope: 'worker' }], managers: [[MANAGER.username], { scope: 'worker' }] });
test.describe.configure({ mode: 'serial' });

async function apiSignIn(stack: Stack, username: string, password: string): Promise<Response> {
  return fetch(`${stack.portalUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

async function tokenOf(stack: Stack, account: { username: string; password: string }): Promise<string> {
  const response = await apiSignIn(stack, account.username, account.password);
  expect(response.status).toBe(200);
  return ((await response.json()) as { session: { token: string } }).session.token;
}

async function signOut(page: Page, account: { username: string; displayName: string }): Promise<void> {
  await page.getByRole('button', { name: account.displayName }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  // The form pre-fills the last username once it has loaded: wait for that before typing.
  await expect(page.getByLabel('Username')).toHaveValue(account.username);
}

async function openAdministration(page: Page, tab: 'Requests' | 'Users' | 'Activity'): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Administration' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

test('request → approve → new user signs in → manager sees it in Activity', async ({ page, stack }) => {
  test.setTimeout(180_000);

  // ── A normal user files two requests and sees them pending ──
  await signIn(page, stack, WORKER.username, WORKER.password);
  const views = page.getByRole('navigation', { name: 'Views' });
  await expect(views.getByRole('button', { name: 'Requests' })).toBeVisible();
  await expect(views.getByRole('button', { name: 'Administration' })).toHaveCount(0);
  await views.getByRole('button', { name: 'Requests' }).click();
  await expect(page.getByRole('heading', { name: 'Request a new user' })).toBeVisible();

  // A bad e-mail is refused with a clear message.
  await page.getByLabel('Full name').fill('Nina New');
  await page.getByLabel('E-mail address').fill('nina-at-example');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('alert')).toContainText('valid e-mail');

  await page.getByLabel('E-mail address').fill('nina@example.com');
  await page.getByLabel('Note for the manager (optional)').fill('Joins the QC team on Monday');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'sent to the project manager' })).toBeVisible();
  await page.getByLabel('Full name').fill('Oscar Other');
  await page.getByLabel('E-mail address').fill('oscar@example.com');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'request for Oscar Other was sent' })).toBeVisible();
  // Asking again for the same address merges into the open request.
  await page.getByLabel('Full name').fill('Oscar Other');
  await page.getByLabel('E-mail address').fill('OSCAR@example.com');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'already open' })).toBeVisible();

  const mine = page.getByRole('table', { name: 'My requests' });
  await expect(mine.getByRole('row')).toHaveCount(3);
  await expect(mine.getByRole('row', { name: /Nina New/ })).toContainText('Pending');
  await expect(mine.getByRole('row', { name: /Oscar Other/ })).toContainText('Pending');

  // ── A manager declines Oscar through the API: the open page updates without a reload ──
  const managerToken = await tokenOf(stack, MANAGER);
  const pending = (await (
    await fetch(`${stack.portalUrl}/api/v1/admin/requests`, { headers: { authorization: `Bearer ${managerToken}` } })
  ).json()) as { requests: Array<{ id: string; fullName: string }> };
  const oscar = pending.requests.find((r) => r.fullName === 'Oscar Other')!;
  const declined = await fetch(`${stack.portalUrl}/api/v1/admin/requests/${oscar.id}/decline`, {
    method: 'POST',
    headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'Already has a contractor account' }),
  });
  expect(declined.status).toBe(200);
  await expect(mine.getByRole('row', { name: /Oscar Other/ })).toContainText('Declined — Already has a contractor account', {
    timeout: 20_000,
  });
  await signOut(page, WORKER);

  // ── The manager approves Nina with an edited username ──
  await signIn(page, stack, MANAGER.username, MANAGER.password);
  await openAdministration(page, 'Requests');
  const request = page.getByRole('listitem', { name: 'Request for Nina New' });
  await expect(request).toContainText('Requested by worker');
  await expect(request).toContainText('Joins the QC team on Monday');
  const usernameField = request.getByLabel('Username for Nina New');
  await expect(usernameField).toHaveValue('nnew');
  await usernameField.fill('nina.new');
  await request.getByRole('button', { name: 'Approve' }).click();

  const dialog = page.getByRole('dialog', { name: 'Account created for Nina New' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('approved-username')).toHaveText('nina.new');
  const passwordField = dialog.getByLabel('Temporary password (shown only once)');
  const temporaryPassword = await passwordField.inputValue();
  expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
  await expect(dialog).toContainText('separately from the username');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Copied|copy it/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(temporaryPassword)).toHaveCount(0);
  await expect(page.getByText('No pending requests.')).toBeVisible();
  await signOut(page, MANAGER);

  // ── The new user signs in with the temporary password and activates the account ──
  await signIn(page, stack, 'nina.new', temporaryPassword);
  const ninaPassword = 'Orchid-Falcon-Ledger-47!';
  const nina = await activateWithAuthenticator(page, ninaPassword);
  // The temporary password is gone; the new one and a code open the launcher.
  await signIn(page, stack, 'nina.new', ninaPassword);
  await enterPasscode(page, nina);
  await expect(page.getByRole('button', { name: 'Nina New' })).toBeVisible({ timeout: 20_000 });
  await signOut(page, { username: 'nina.new', displayName: 'Nina New' });

  // ── The manager sees it all in Activity, filters it and exports CSV ──
  await signIn(page, stack, MANAGER.username, MANAGER.password);
  await openAdministration(page, 'Activity');
  const activity = page.getByRole('table', { name: 'Activity' });
  for (const type of ['request.filed', 'request.merged', 'request.declined', 'request.approved', 'account.created']) {
    await expect(activity.getByRole('cell', { name: type, exact: true }).first()).toBeVisible();
  }
  await page.getByLabel('User', { exact: true }).fill('nina.new');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(activity.getByRole('row', { name: /request\.approved/ })).toContainText('pm');
  // …and the new user's activation: the authenticator, the questions, the new password, the sign-in.
  for (const type of ['mfa.enrolled', 'security_questions_set', 'password_changed', 'sign_in']) {
    await expect(activity.getByRole('cell', { name: type, exact: true }).first()).toBeVisible();
  }
  await expect(activity.getByRole('cell', { name: 'request.declined', exact: true })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^portal-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await file.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('"time","type","actor","user","detail"');
  expect(csv).toContain('"request.approved","pm","nina.new"');
  expect(csv).not.toContain(temporaryPassword);
  await signOut(page, MANAGER);
});

test('a manager unlocks a user locked by wrong passwords', async ({ page, stack }) => {
  test.setTimeout(120_000);
  for (let i = 0; i < 5; i += 1) await apiSignIn(stack, LOCKED.username, 'Wrong-Password-1!');
  expect((await apiSignIn(stack, LOCKED.username, LOCKED.password)).status).toBe(423);

  await signIn(page, stack, MANAGER.username, MANAGER.password);
  await openAdministration(page, 'Users');
  await page.getByLabel('Search users').fill('lockme');
  const row = page.locator('tr[data-username="lockme"]');
  await expect(row).toContainText('Locked');
  await expect(page.locator('tr[data-username="pm"]')).toHaveCount(0);
  await row.getByRole('button', { name: 'Unlock: lockme' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'lockme unlocked.' })).toBeVisible();
  await expect(row).not.toContainText('Locked');
  expect((await apiSignIn(stack, LOCKED.username, LOCKED.password)).status).toBe(200);

  // A manager can't disable themselves: the button isn't offered, and the portal refuses anyway.
  await page.getByLabel('Search users').fill('pm');
  await expect(page.locator('tr[data-username="pm"]').getByRole('button', { name: 'Disable: pm' })).toHaveCount(0);
  await openAdministration(page, 'Activity');
  await expect(page.getByRole('table', { name: 'Activity' }).getByRole('row', { name: /account_unlocked/ }).first()).toContainText('pm');
  await signOut(page, MANAGER);
});

test('a manager issues a new temporary password: shown once, the old password stops, the new one opens activation', async ({ page, stack }) => {
  test.setTimeout(120_000);
  await signIn(page, stack, MANAGER.username, MANAGER.password);
  await openAdministration(page, 'Users');
  await page.getByLabel('Search users').fill('lockme');
  const row = page.locator('tr[data-username="lockme"]');
  await row.getByRole('button', { name: 'Issue temporary password: lockme' }).click();
  const card = page.getByRole('dialog', { name: `New temporary password for ${LOCKED.displayName}` });
  await expect(card).toBeVisible();
  const field = card.getByLabel('Temporary password (shown only once)');
  await expect(field).toBeFocused();
  const temporaryPassword = await field.inputValue();
  expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
  await expect(page.getByRole('status').filter({ hasText: 'New temporary password issued for lockme.' })).toBeVisible();
  await card.getByRole('button', { name: 'Done' }).click();
  await expect(card).toHaveCount(0);
  // Not offered for one's own account.
  await page.getByLabel('Search users').fill('pm');
  await expect(page.locator('tr[data-username="pm"]').getByRole('button', { name: 'Issue temporary password: pm' })).toHaveCount(0);
  await signOut(page, MANAGER);

  expect((await apiSignIn(stack, LOCKED.username, LOCKED.password)).status).toBe(401);
  const fresh = await apiSignIn(stack, LOCKED.username, temporaryPassword);
  expect(fresh.status).toBe(200);
  expect(((await fresh.json()) as { step: string }).step).not.toBe('complete');
});

test('a normal user gets no Administration and a 403 from every admin route', async ({ page, stack }) => {
  await signIn(page, stack, WORKER.username, WORKER.password);
  await expect(page.getByRole('button', { name: WORKER.displayName })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Administration' })).toHaveCount(0);
  await signOut(page, WORKER);

  const routes = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/admin-route-list.ts'], { encoding: 'utf8' })) as Array<{
    method: string;
    url: string;
  }>;
  expect(routes.length).toBeGreaterThanOrEqual(10);
  const token = await tokenOf(stack, WORKER);
  for (const route of routes) {
    const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':username', 'pm');
    const response = await fetch(`${stack.portalUrl}${url}`, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, ...(route.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(route.method === 'POST' ? { body: '{}' } : {}),
    });
    expect(response.status, `${route.method} ${route.url}`).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  }
});
