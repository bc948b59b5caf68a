/**
 * File transfers, browser host: downloading a folder keeps its tree, empty
 * sub-folders included. Where Chromium offers `showDirectoryPicker` the tree
 * is written into the folder the user picks (the native picker cannot be
 * clicked by Playwright, so the page's picker is replaced by one that hands
 * back the origin-private file system's root, which is read back to check
 * every file's SHA-256 and every empty folder); a name already there is not
 * replaced but gets "(2)". Without the API the tree arrives as one `.zip`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import { demoFilesDir, sha, snapshot } from './transfers-helpers';

/** relative path → size (`null`: an empty folder). The first entry is an empty sub-folder, where the old download broke. */
function layout(): Record<string, number | null> {
  return {
    'Reports/a empty': null,
    'Reports/summary.txt': randomInt(1, 4_096),
    'Reports/Zeugenaussage Müller ✓.bin': randomInt(130_000, 400_000),
    'Reports/scans/page 1.bin': randomInt(300_000, 600_000),
    'Reports/scans/blank.bin': 0,
    'Reports/scans/2024/Q4/ledger.csv': randomInt(10_000, 50_000),
    'Reports/scans/2024/nothing yet': null,
  };
}

/** Writes the tree into the user's FTPS root; returns path → SHA-256 (`dir` for folders). */
function writeTree(root: string, tree: Record<string, number | null>): Record<string, string> {
  const expected: Record<string, string> = {};
  for (const [path, size] of Object.entries(tree)) {
    for (let up = dirname(path); up !== '.'; up = dirname(up)) expected[`${up}/`] = 'dir';
    if (size === null) {
      mkdirSync(join(root, path), { recursive: true });
      expected[`${path}/`] = 'dir';
    } else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      const bytes = randomBytes(size);
      writeFileSync(join(root, path), bytes);
      expected[path] = sha(bytes);
    }
  }
  return expected;
}

/** The origin-private file system's tree below `top`, as path → SHA-256 or `dir`. */
function readOpfs(page: Page, top: string): Promise<Record<string, string>> {
  return page.evaluate(async (topName) => {
    type Dir = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };
    const out: Record<string, string> = {};
    const hex = (buf: ArrayBuffer) =>
      [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const walk = async (dir: Dir, prefix: string): Promise<void> => {
      for await (const [name, handle] of dir.entries()) {
        const path = `${prefix}${name}`;
        if (handle.kind === 'directory') {
          out[`${path}/`] = 'dir';
          await walk(handle as Dir, `${path}/`);
        } else {
          const file = await (handle as FileSystemFileHandle).getFile();
          out[path] = hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
        }
      }
    };
    const root = (await navigator.storage.getDirectory()) as Dir;
    const dir = (await root.getDirectoryHandle(topName).catch(() => null)) as Dir | null;
    if (dir) {
      out[`${topName}/`] = 'dir';
      await walk(dir, `${topName}/`);
    }
    return out;
  }, top);
}


/** `expected` with its top folder renamed. */
function under(expected: Record<string, string>, from: string, to: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(expected).map(([path, value]) => [to + path.slice(from.length), value]),
  );
}

test('a downloaded folder keeps its tree, empty folders included, in the picked folder or as a .zip', async ({
  page,
  stack,
}) => {
  const expected = writeTree(demoFilesDir(stack), layout());
  await signIn(page, stack, stack.demo.username, stack.demo.password);
  // The picker hands back the page's private file system, which already holds a "Reports".
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
      await root.removeEntry(name, { recursive: true });
    const old = await (
      await root.getDirectoryHandle('Reports', { create: true })
    ).getFileHandle('keep me.txt', { create: true });
    const writable = await old.createWritable();
    await writable.write('mine');
    await writable.close();
    (
      window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }
    ).showDirectoryPicker = () => navigator.storage.getDirectory();
  });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Transfers' }).click();
  await page.getByRole('button', { name: 'Download Reports', exact: true }).click({ timeout: 45_000 });

  await expect
    .poll(() => readOpfs(page, 'Reports (2)'), { timeout: 60_000 })
    .toEqual(under(expected, 'Reports/', 'Reports (2)/'));
  // The folder that was there is untouched.
  expect(await readOpfs(page, 'Reports')).toEqual({ 'Reports/': 'dir', 'Reports/keep me.txt': sha('mine') });
  await expect(page.getByText('Something went wrong')).toHaveCount(0);

  // Without the File System Access API: one .zip with the same tree.
  await page.evaluate(
    () => delete (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker,
  );
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Download Reports', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Reports.zip');
  const dir = mkdtempSync(join(tmpdir(), 'portico-zip-'));
  try {
    const zip = join(dir, 'Reports.zip');
    await download.saveAs(zip);
    const env = { ...process.env, LC_ALL: 'C.UTF-8' };
    execFileSync('unzip', ['-q', zip, '-d', join(dir, 'out')], { env });
    expect(snapshot(join(dir, 'out'))).toEqual(expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
