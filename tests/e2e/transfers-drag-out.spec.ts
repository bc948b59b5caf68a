/**
 * Dragging a remote file out of the page, end to end in Chromium against the
 * real portal and its FTPS endpoint. Playwright cannot drop onto the OS
 * desktop, so the test checks the two halves Chromium joins: the drag
 * carries a `DownloadURL` for the file, and that URL (fetched the way
 * Chromium's download does) serves the verified bytes once.
 */
import { createHash } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, signIn } from './fixtures';

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

test('drag a remote file out: DownloadURL serves the verified file once', async ({ page, stack }) => {
  test.setTimeout(120_000);
  expect(stack.ftps).not.toBeNull();
  const userDir = join(stack.ftps!.filesDir, stack.demo.username.toLowerCase());
  mkdirSync(userDir, { recursive: true });
  const content = 'case file\n'.repeat(30_000);
  writeFileSync(join(userDir, 'evidence.txt'), content);

  await signIn(page, stack, stack.demo.username, stack.demo.password);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Transfers' }).click();
  const row = page.getByTestId('remote-row').filter({ hasText: 'evidence.txt' });
  await expect(row).toBeVisible({ timeout: 45_000 });
  await expect(row).toHaveAttribute('draggable', 'true');

  // Pointer down fetches the single-use ticket; the drag then carries it.
  await row.dispatchEvent('pointerdown');
  let downloadUrl = '';
  await expect
    .poll(
      async () => {
        const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
        await row.dispatchEvent('dragstart', { dataTransfer });
        downloadUrl = await dataTransfer.evaluate((dt) => dt.getData('DownloadURL'));
        return downloadUrl;
      },
      { timeout: 15_000 },
    )
    .toMatch(/^application\/octet-stream:evidence\.txt:http:\/\/127\.0\.0\.1:\d+\/transfers\/drag-out\/[A-Za-z0-9_-]{43}$/);
  const url = downloadUrl.split(':').slice(2).join(':');
  expect(new URL(url).origin).toBe(new URL(page.url()).origin);

  const first = await page.request.get(url, { timeout: 60_000 });
  expect(first.status()).toBe(200);
  expect(first.headers()['content-disposition']).toContain('evidence.txt');
  expect(sha(await first.body())).toBe(sha(content));
  // The queue shows the download as verified; the link does not work twice.
  await expect(page.getByRole('list', { name: 'Transfer queue' }).getByText('verified')).toHaveCount(1, { timeout: 30_000 });
  expect((await page.request.get(url)).status()).toBe(404);
});
