import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, signIn } from './fixtures';

const APPS = [
  '7-Zip File Manager',
  'eCapture Controller',
  'eCapture QC',
  'Eclipse Admin',
  'Windows Explorer',
  'Virtual Desktop',
];

interface LaunchRecord {
  path: string;
  mode: number;
  content: string;
}

function launchRecords(dir: string): LaunchRecord[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return files.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as LaunchRecord);
}

test.describe('sign in and launch', () => {
  test('sign in, filter, favorite, launch over RDP, sign out', async ({ page, stack }) => {
    await signIn(page, stack, stack.demo.username, stack.demo.password);

    const allApps = page.getByRole('region', { name: 'All apps' });
    for (const name of APPS) {
      await expect(allApps.getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible();
    }

    // Filter as you type.
    await page.getByLabel('Search apps').fill('ecapture');
    await expect(allApps.getByRole('button', { name: /^eCapture Controller/ })).toBeVisible();
    await expect(allApps.getByRole('button', { name: /^eCapture QC/ })).toBeVisible();
    await expect(allApps.getByRole('button', { name: /^Eclipse Admin/ })).toHaveCount(0);
    await page.getByLabel('Search apps').fill('zzz-no-such-app');
    await expect(page.getByText(/No apps match/)).toBeVisible();
    await page.getByLabel('Search apps').fill('');

    // A favorite survives a reload.
    await page.getByRole('button', { name: 'Add Eclipse Admin to favorites' }).click();
    const favorites = page.getByRole('region', { name: 'Favorites' });
    await expect(favorites.getByRole('button', { name: /^Eclipse Admin/ })).toBeVisible();
    await page.reload();
    await expect(
      page.getByRole('region', { name: 'Favorites' }).getByRole('button', { name: /^Eclipse Admin/ }),
    ).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'All apps' }).getByRole('button', { name: 'Remove Eclipse Admin from favorites' }),
    ).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    // Launch the RDP app: the OS handler received a 0600 file with the RDP settings.
    await page.getByRole('region', { name: 'Favorites' }).getByRole('button', { name: /^Eclipse Admin/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Eclipse Admin started' })).toBeVisible();
    await expect.poll(() => launchRecords(stack.recordDir).length).toBeGreaterThan(0);
    const record = launchRecords(stack.recordDir).find((r) => r.path.endsWith('.rdp'));
    expect(record, 'an .rdp file was handed to the OS').toBeTruthy();
    expect(record!.mode & 0o777).toBe(0o600);
    expect(record!.content).toMatch(/^full address:s:[^\r\n]+:\d+\r$/m);
    expect(record!.content).toContain('remoteapplicationmode:i:1\r\n');
    expect(record!.content).toMatch(/^remoteapplicationprogram:s:\|\|\S+\r$/m);
    expect(record!.content).toContain('remoteapplicationname:s:Eclipse Admin\r\n');
    expect(record!.content).toContain('redirectclipboard:i:0\r\n');

    // Sign out returns to the sign-in form.
    await page.getByRole('button', { name: 'Demo User' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  });

  test("the tile's light version opens the portal's light page in a new tab of the same browser", async ({ page, stack }) => {
    await signIn(page, stack, stack.demo.username, stack.demo.password);
    const allApps = page.getByRole('region', { name: 'All apps' });
    // Subscribe before the click: the tab opens while the launch answer arrives.
    const newTab = page.context().waitForEvent('page');
    // The page drops the ticket from its address once loaded, so read it off the request.
    const pageRequest = page.context().waitForEvent('request', (request) => new URL(request.url()).pathname === '/light/7zip');
    await allApps.getByRole('button', { name: 'Use light version: 7-Zip File Manager' }).click();
    const tab = await newTab;
    const url = new URL((await pageRequest).url());
    expect(url.origin).toBe(new URL(stack.portalUrl).origin);
    expect(url.pathname).toBe('/light/7zip');
    expect(url.searchParams.get('ticket')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The single-use ticket was still good: the live session, not "This launch link has expired".
    await expect(tab.getByRole('application', { name: '7-Zip File Manager (light version)' })).toBeVisible();
    await expect(tab.locator('body.live')).toBeAttached();
    await expect(tab).toHaveTitle('7-Zip File Manager (light version)');
    await expect(page.getByRole('status').filter({ hasText: '7-Zip File Manager started in the light version' })).toBeVisible();
    // The page opened it; the host handed nothing to the desktop's opener.
    expect(launchRecords(stack.recordDir).filter((r) => r.path.includes('/light/7zip')).map((r) => (r as { kind?: string }).kind)).toEqual(['web-session']);
    await tab.close();

    // The next test starts signed out, like this one did.
    await page.getByRole('button', { name: 'Demo User' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  });

  test('wrong password gets a plain message and the form stays usable', async ({ page, stack }) => {
    await signIn(page, stack, stack.demo.username, 'not-the-password');
    await expect(page.getByText('The username or password is incorrect.')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await signIn(page, stack, 'nobody-here', 'not-the-password');
    await expect(page.getByText('The username or password is incorrect.')).toBeVisible();
  });
});
