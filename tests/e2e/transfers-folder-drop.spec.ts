/**
 * File transfers: a real folder tree dropped from disk onto the Transfers window
 * arrives with its structure — nested folders, an empty folder, an empty
 * file, names with spaces and non-ASCII letters — next to a loose file of
 * the same drop. The drop goes through Chromium's DevTools protocol (see
 * `dropPaths`), so the page walks genuine directory entries; the result is
 * checked in the remote browser and byte for byte in the portal's FTPS root.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { demoFilesDir, dropPaths, openTransfers, sha, snapshot } from './transfers-helpers';

/**
 * The dropped folder, relative path → size in bytes (`null`: an empty
 * folder). Sizes are random within ranges chosen so files take zero, one or
 * several of the renderer's 128 KiB chunks. `pages/` holds more entries than
 * Chromium's `readEntries` returns at once (100), so the walk must keep
 * reading until it gets an empty batch.
 */
function layout(): Record<string, number | null> {
  const tree: Record<string, number | null> = {
    'summary.txt': randomInt(1, 4_096),
    'Zeugenaussage Müller – Kopie ✓.bin': randomInt(130_000, 400_000),
    'scans/page 1.bin': randomInt(600_000, 1_200_000),
    'scans/blank.bin': 0,
    'scans/2024/Q4/ledger.csv': randomInt(10_000, 50_000),
    'empty folder': null,
  };
  const pages = 100 + randomInt(1, 40);
  for (let i = 1; i <= pages; i++) tree[`pages/p${String(i).padStart(3, '0')}.txt`] = randomInt(1, 200);
  return tree;
}

function writeTree(root: string, tree: Record<string, number | null>): void {
  mkdirSync(root, { recursive: true });
  for (const [path, size] of Object.entries(tree)) {
    if (size === null) {
      mkdirSync(join(root, path), { recursive: true });
    } else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), randomBytes(size));
    }
  }
}


const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Folder path' });

/**
 * Checks that the remote browser, showing the folder `trail`, lists what the
 * local folder holds, then opens each subfolder and comes back by the
 * breadcrumb.
 */
async function expectBrowsable(page: Page, localDir: string, trail: string[]): Promise<void> {
  const entries = readdirSync(localDir, { withFileTypes: true });
  if (entries.length === 0) await expect(page.getByText('This folder is empty')).toBeVisible({ timeout: 30_000 });
  for (const entry of entries) {
    const name = entry.isDirectory() ? `Open folder ${entry.name}` : `Download ${entry.name}`;
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible({ timeout: 30_000 });
  }
  for (const entry of entries.filter((e) => e.isDirectory())) {
    await page.getByRole('button', { name: `Open folder ${entry.name}`, exact: true }).click();
    // Breadcrumbs: *My files*, then one per folder of the trail.
    const here = crumbs(page).getByRole('button').nth(trail.length + 1);
    await expect(here).toHaveText(entry.name);
    await expect(here).toHaveAttribute('aria-current', 'location');
    await expectBrowsable(page, join(localDir, entry.name), [...trail, entry.name]);
    await crumbs(page).getByRole('button').nth(trail.length).click();
    await expect(crumbs(page).getByRole('button').nth(trail.length)).toHaveAttribute('aria-current', 'location');
  }
}

test('drop a real folder tree and a loose file: the structure arrives byte for byte', async ({ page, stack }) => {
  test.setTimeout(180_000);
  const userDir = demoFilesDir(stack);
  const local = mkdtempSync(join(tmpdir(), 'portico-folder-drop-'));
  try {
    const tree = layout();
    const folder = join(local, 'Case files');
    writeTree(folder, tree);
    const loose = join(local, 'loose note.txt');
    writeFileSync(loose, randomBytes(randomInt(1, 20_000)));
    const files = Object.values(tree).filter((size) => size !== null).length + 1;
    const emptyFolders = Object.values(tree).filter((size) => size === null).length;

    await openTransfers(page, stack);
    await dropPaths(page, [folder, loose]);

    // One queue item per file and per empty folder, all done, none failed.
    const items = files + emptyFolders;
    await expect(page.getByTestId('transfers-announcement')).toHaveText(`Upload finished: ${items} files done.`, { timeout: 120_000 });
    await expect(page.getByText(`0 running · 0 waiting · ${items} done · 0 failed`)).toBeVisible();
    // The queue list renders only the rows in view; those show verified files (the empty folder is only created).
    const rows = page.getByRole('list', { name: 'Transfer queue' }).getByTestId('queue-row');
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasText: 'verified' })).toHaveCount(await rows.filter({ hasNotText: 'empty folder' }).count());

    // On the portal: the same tree, nothing more, every file identical.
    expect(snapshot(join(userDir, 'Case files'))).toEqual(snapshot(folder));
    expect(sha(readFileSync(join(userDir, 'loose note.txt')))).toBe(sha(readFileSync(loose)));

    // In the remote browser: the drop landed in *My files*; walk the tree by folder buttons and breadcrumbs.
    await expect(crumbs(page).getByRole('button', { name: 'My files' })).toHaveAttribute('aria-current', 'location');
    await expect(page.getByRole('button', { name: 'Download loose note.txt', exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Open folder Case files', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Open folder Case files', exact: true }).click();
    await expect(crumbs(page).getByRole('button').nth(1)).toHaveAttribute('aria-current', 'location');
    await expectBrowsable(page, folder, ['Case files']);
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
});
