/**
 * Rename and New folder in the remote browser never overwrite: a taken name,
 * an empty one or one with a path separator is refused next to the field, and
 * the files on the portal stay as they were. Its own spec file, so it starts
 * from an empty folder on a fresh stack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { uploadAndWait } from './transfers-helpers';

test('Rename and New folder never overwrite: a taken, empty or path name gets a message next to the field', async ({
  page,
  stack,
}) => {
  test.setTimeout(120_000);
  const { userDir } = await uploadAndWait(page, stack, { 'a.txt': 'AAA', 'b.txt': 'BBBBBB' });

  // Rename a.txt → b.txt, Save: refused beside the field, nothing changes.
  await page.getByRole('button', { name: 'Rename a.txt' }).click();
  const newName = page.getByLabel('New name');
  await newName.fill('b.txt');
  await newName.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'A file or folder named “b.txt” already exists here. Choose another name.',
  );
  await expect(newName).toHaveAttribute('aria-invalid', 'true');
  // The taller row keeps its cells whole: every cell spans the row (its border lines up).
  const row = page.locator('.transfers-table tbody tr').filter({ has: newName });
  const rowHeight = (await row.boundingBox())!.height;
  for (const cell of await row.locator('td').all())
    expect(Math.abs((await cell.boundingBox())!.height - rowHeight)).toBeLessThan(1);
  expect(readFileSync(join(userDir, 'b.txt'), 'utf8')).toBe('BBBBBB');
  expect(readFileSync(join(userDir, 'a.txt'), 'utf8')).toBe('AAA');
  for (const [value, message] of [
    ['', 'Enter a name.'],
    ['x/y', 'A name cannot contain “/” or “\\”.'],
    ['..', '“..” is reserved. Choose another name.'],
  ] as const) {
    await newName.fill(value);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toHaveText(message);
  }
  // Escape leaves the name as it was; a free name works.
  await newName.press('Escape');
  await expect(page.getByLabel('New name')).toHaveCount(0);
  await page.getByRole('button', { name: 'Rename a.txt' }).click();
  await page.getByLabel('New name').fill('c.txt');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Rename c.txt' })).toBeVisible();
  expect(readFileSync(join(userDir, 'c.txt'), 'utf8')).toBe('AAA');

  // New folder onto a file's name: refused the same way.
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('Folder name').fill('b.txt');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'A file or folder named “b.txt” already exists here. Choose another name.',
  );
  expect(readFileSync(join(userDir, 'b.txt'), 'utf8')).toBe('BBBBBB');
});
