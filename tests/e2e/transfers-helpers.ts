/**
 * Shared steps of the Transfers e2e specs: open the view signed in, find the
 * user's FTPS root on disk, hash files, and drop real paths from disk.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, signIn, type Stack } from './fixtures';

/** SHA-256 (hex) of a file's bytes or a string. */
export function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The demo user's folder in the embedded portal's FTPS root (what the user sees as *My files*). */
export function demoFilesDir(stack: Stack): string {
  expect(stack.ftps).not.toBeNull();
  return join(stack.ftps!.filesDir, stack.demo.username.toLowerCase());
}

/** Signs the demo user in and opens Transfers once the remote root has been listed (empty). */
export async function openTransfers(page: Page, stack: Stack): Promise<void> {
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Transfers' }).click();
  await expect(page.getByRole('heading', { name: 'Portal files' })).toBeVisible();
  // The first listing waits for the FTPS sign-in, which is slow on a loaded machine.
  await expect(page.getByText('This folder is empty')).toBeVisible({ timeout: 45_000 });
}

/**
 * Drops real files and folders from disk onto the window, as a desktop drag
 * does. A `DataTransfer` built in the page cannot hold a folder, but
 * Chromium's DevTools `Input.dispatchDragEvent` takes absolute paths and
 * registers them like an OS drop, so `webkitGetAsEntry()` yields real
 * directory entries. (The page must have a real origin: on `about:blank`
 * reading a dropped folder fails with an `EncodingError`.)
 */
export async function dropPaths(page: Page, absolutePaths: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const data = { items: [], files: absolutePaths, dragOperationsMask: 1 /* copy */ };
    const size = page.viewportSize() ?? { width: 800, height: 600 };
    const at = { x: Math.floor(size.width / 2), y: Math.floor(size.height / 2) };
    await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', ...at, data });
    await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data });
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data });
    await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
  } finally {
    await cdp.detach();
  }
}

/** Drops files (name → content) onto the window the way a desktop drag does. */
export async function dropFiles(page: Page, files: Record<string, string>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((entries) => {
    const dt = new DataTransfer();
    for (const [name, content] of entries)
      dt.items.add(new File([content], name, { type: 'application/octet-stream' }));
    return dt;
  }, Object.entries(files));
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

/**
 * Opens Transfers on an empty folder, drops `files` and waits until `verified`
 * of them say "verified". Returns the user's folder on disk and the queue.
 */
export async function uploadAndWait(
  page: Page,
  stack: Stack,
  files: Record<string, string>,
  verified = Object.keys(files).length,
): Promise<{ userDir: string; queue: Locator }> {
  const userDir = demoFilesDir(stack);
  await openTransfers(page, stack);
  await dropFiles(page, files);
  const queue = page.getByRole('list', { name: 'Transfer queue' });
  await expect(queue.getByText('verified')).toHaveCount(verified, { timeout: 60_000 });
  return { userDir, queue };
}

/** Every folder (`path/` → `dir`) and file (`path` → SHA-256) below `root` on disk. */
export function snapshot(root: string, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      out[`${path}/`] = 'dir';
      snapshot(join(root, entry.name), `${path}/`, out);
    } else {
      out[path] = sha(readFileSync(join(root, entry.name)));
    }
  }
  return out;
}
