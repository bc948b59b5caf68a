/**
 * A download saved under another name than the remote one says so in its
 * queue row: a portal name with characters Windows forbids is saved with
 * them replaced, and the browser offers the file under that name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { demoFilesDir, openTransfers, sha } from './transfers-helpers';

test('a download saved under a safe name says “Saved as” with that name', async ({ page, stack }) => {
  test.setTimeout(120_000);
  const userDir = demoFilesDir(stack);
  await openTransfers(page, stack);
  const content = 'minutes of the meeting\n'.repeat(100);
  writeFileSync(join(userDir, 'minutes: draft?.txt'), content);
  await page.getByRole('button', { name: 'Refresh' }).click();

  const downloadPromise = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Download minutes: draft?.txt' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('minutes_ draft_.txt');
  expect(sha(readFileSync(await download.path()))).toBe(sha(content));

  const row = page
    .getByRole('list', { name: 'Transfer queue' })
    .getByTestId('queue-row')
    .filter({ hasText: 'minutes: draft?.txt' });
  await expect(row).toContainText('verified');
  await expect(row.getByText('Saved as minutes_ draft_.txt')).toBeVisible();
});
