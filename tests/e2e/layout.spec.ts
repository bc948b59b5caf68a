/**
 * Every screen at 800×600, 1280×800 and 1920×1080, light and dark: nothing
 * overflows the window sideways (255-character names included), no notice
 * sits over a dialog's buttons, axe finds nothing serious, and at 1920 px the
 * content uses the width.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe-check';
import { expect, signIn, test } from './fixtures';
import { signOut } from './password-journeys';
import { demoFilesDir, openTransfers } from './transfers-helpers';

const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
/** A name as long as a file system allows, without a single break opportunity. */
const LONG_FILE = `${'Production_Volume_0042_Bates_'.repeat(9)}`.slice(0, 251) + '.pdf';
const LONG_FOLDER = 'Case'.repeat(62) + '_0007';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What one size and theme shows: the sideways overflow, and the notices and dialog buttons that meet. */
async function measure(page: Page): Promise<{ overflow: number; offenders: string[]; covered: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const root = document.documentElement;
    const overflow = Math.max(root.scrollWidth, document.body.scrollWidth) - width;
    const offenders: string[] = [];
    if (overflow > 0) {
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 0.5)
          offenders.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)} px)`);
        if (offenders.length >= 5) break;
      }
    }
    const box = (el: Element): Box => el.getBoundingClientRect();
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const notices = Array.from(document.querySelectorAll('.notice-toast')).filter(visible).map(box);
    const buttons = Array.from(
      document.querySelectorAll('[role="dialog"] button, [role="alertdialog"] button, dialog button'),
    ).filter(visible);
    const meets = (a: Box, b: Box) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const covered = buttons
      .filter((button) => notices.some((notice) => meets(notice, box(button))))
      .map((b) => (b.textContent ?? '').trim());
    return { overflow, offenders, covered };
  });
}

/** Checks the screen as it is now at every size, in both themes; leaves the page at 1280×800, light. */
async function checkEverySize(page: Page, screen: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const what = `${screen} at ${size.width}×${size.height} (${colorScheme})`;
      const found = await measure(page);
      expect(found.overflow, `${what} overflows sideways: ${found.offenders.join(', ')}`).toBeLessThanOrEqual(
        0,
      );
      expect(found.covered, `${what}: a notice covers dialog buttons`).toEqual([]);
      await expectNoSeriousAxeViolations(page, what);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function openFromAccountMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

test.describe.configure({ mode: 'serial' });

test('sign-in and Forgot your password? fit every size and theme', async ({ page, stack }) => {
  test.setTimeout(180_000);
  await page.goto(stack.hostUrl);
  await expect(page.getByRole('button', { name: 'Log On' })).toBeVisible();
  await checkEverySize(page, 'sign-in');
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
  await checkEverySize(page, 'forgot password');
});

test('every signed-in screen fits every size and theme, 255-character names included', async ({
  page,
  stack,
}) => {
  test.setTimeout(420_000);
  await openTransfers(page, stack);
  const userDir = demoFilesDir(stack);
  writeFileSync(join(userDir, LONG_FILE), 'a long name\n');
  mkdirSync(join(userDir, LONG_FOLDER));
  try {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: `Download ${LONG_FILE}` })).toBeVisible();
    await checkEverySize(page, 'Transfers');
    await page.getByRole('button', { name: `Open folder ${LONG_FOLDER}` }).click();
    await expect(page.getByText('This folder is empty')).toBeVisible();
    await checkEverySize(page, 'Transfers, inside a long-named folder');
    await page
      .getByRole('navigation', { name: 'Folder path' })
      .getByRole('button', { name: 'My files' })
      .click();
    await page.getByRole('button', { name: `Delete ${LONG_FILE}` }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await checkEverySize(page, 'Transfers, delete question');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  } finally {
    rmSync(join(userDir, LONG_FILE), { force: true });
    rmSync(join(userDir, LONG_FOLDER), { recursive: true, force: true });
  }

  for (const view of ['Apps', 'Requests']) {
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: view, exact: true })
      .click();
    await page.waitForLoadState('networkidle');
    await checkEverySize(page, view);
  }
  await page.getByRole('button', { name: 'Demo User' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await checkEverySize(page, 'account menu');
  await page.keyboard.press('Escape');

  for (const item of ['Settings', 'My Settings & Devices']) {
    await openFromAccountMenu(page, item);
    await expect(page.getByRole('heading', { name: item, exact: true, level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await checkEverySize(page, item);
  }
  for (const [item, dialogName] of [
    ['Change password…', /Change password/],
    ['Security questions…', /Security questions/],
  ] as const) {
    await openFromAccountMenu(page, item);
    const dialog = page.getByRole('dialog', { name: dialogName });
    await expect(dialog).toBeVisible();
    await checkEverySize(page, `${item} dialog`);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  }
  await signOut(page, 'Demo User');
});

test('at 1920 px the launcher and Transfers use the width', async ({ page, stack }) => {
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const [view, heading] of [
    ['Apps', 'All apps'],
    ['Transfers', 'Portal files'],
  ] as const) {
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: view, exact: true })
      .click();
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    const main = await page.locator('main').first().boundingBox();
    expect(main, `${view}: the main area`).not.toBeNull();
    // The window is 1920 px wide: the content keeps at least 80 % of it.
    expect(main!.width, `${view} uses the width`).toBeGreaterThanOrEqual(0.8 * 1920);
  }
});
