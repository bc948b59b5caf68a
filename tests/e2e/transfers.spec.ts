/**
 * Transfers end to end in Chromium: the browser host against the real portal
 * and its FTPS endpoint. Files are dropped onto the window (a synthetic
 * `DataTransfer`), streamed to main, uploaded over FTPS and verified;
 * then browsed, downloaded and re-uploaded to resolve a conflict.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { demoFilesDir, dropFiles, openTransfers, sha } from './transfers-helpers';

test.describe('transfers', () => {
  test('drop to upload, verified, browse, download, resolve a conflict', async ({ page, stack }) => {
    test.setTimeout(120_000);
    const userDir = demoFilesDir(stack);
    await openTransfers(page, stack);

    // Drop two files anywhere on the window.
    const report = 'quarterly report\n'.repeat(20_000);
    await dropFiles(page, { 'report.txt': report, 'notes.txt': 'hello from the e2e test' });
    const queue = page.getByRole('list', { name: 'Transfer queue' });
    await expect(queue.getByTestId('queue-row')).toHaveCount(2);
    await expect(queue.getByText('verified')).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByTestId('transfers-announcement')).toHaveText(/Upload finished: 2 files done/);
    await expect(page.getByRole('progressbar', { name: 'Progress of report.txt' })).toHaveAttribute('value', String(Buffer.byteLength(report)));
    expect(sha(readFileSync(join(userDir, 'report.txt')))).toBe(sha(report));

    // Browse: create a folder, open it, upload into it, come back by the breadcrumb.
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('Folder name').fill('Case 7');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Open folder Case 7' }).click();
    await expect(page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'Case 7' })).toHaveAttribute('aria-current', 'location');
    await dropFiles(page, { 'inside.txt': 'in a folder' });
    await expect(page.getByRole('button', { name: 'Download inside.txt' })).toBeVisible({ timeout: 60_000 });
    expect(readFileSync(join(userDir, 'Case 7', 'inside.txt'), 'utf8')).toBe('in a folder');
    await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'My files' }).click();
    await expect(page.getByRole('button', { name: 'Open folder Case 7' })).toBeVisible();

    // Sort by size: the small file comes before the big one, then the reverse.
    await page.getByRole('button', { name: /^Size/ }).click();
    // A folder's name cell carries the folder icon (an SVG, not an emoji).
    const names = async () =>
      page
        .locator('.transfers-table tbody tr td:nth-child(2)')
        .evaluateAll((cells) => cells.map((td) => `${td.querySelector('svg.folder-icon') ? '[folder] ' : ''}${(td as HTMLElement).innerText.trim()}`));
    await expect.poll(names).toEqual(['[folder] Case 7', 'notes.txt', 'report.txt']);
    await page.getByRole('button', { name: /^Size/ }).click();
    await expect.poll(names).toEqual(['[folder] Case 7', 'report.txt', 'notes.txt']);

    // Download through main and the browser; the saved file matches.
    const downloadPromise = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Download report.txt' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('report.txt');
    const saved = await download.path();
    expect(sha(readFileSync(saved))).toBe(sha(report));

    // Conflict: the same name again → Rename keeps both.
    await dropFiles(page, { 'notes.txt': 'a second version' });
    const dialog = page.getByRole('dialog', { name: 'The file already exists' });
    await expect(dialog).toBeVisible({ timeout: 60_000 });
    await expect(dialog).toContainText('“notes.txt” already exists on the portal');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('transfers-announcement')).toHaveText(/Upload finished: 1 file done/, { timeout: 60_000 });
    const notes = readdirSync(userDir).filter((n) => n.startsWith('notes'));
    expect(notes).toHaveLength(2);
    expect(readFileSync(join(userDir, 'notes.txt'), 'utf8')).toBe('hello from the e2e test');
    expect(notes.map((n) => readFileSync(join(userDir, n), 'utf8'))).toContain('a second version');

    // And once more → Overwrite replaces it.
    await dropFiles(page, { 'notes.txt': 'the final version' });
    await expect(dialog).toBeVisible({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Overwrite', exact: true }).click();
    await expect.poll(() => readFileSync(join(userDir, 'notes.txt'), 'utf8'), { timeout: 60_000 }).toBe('the final version');

    // Delete asks first.
    await page.getByRole('button', { name: 'Delete notes.txt' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “notes.txt”?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('button', { name: 'Delete notes.txt' })).toHaveCount(0);
    expect(readdirSync(userDir)).not.toContain('notes.txt');
  });
});
