/**
 * The `.zip` a browser without `showDirectoryPicker` gets for a folder
 * download: `unzip` (Info-ZIP) tests it, lists the tree with its empty
 * folders and extracts every file byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildZip, crc32 } from '../../../../renderer/src/features/transfers/zip-writer';

const env = { ...process.env, LC_ALL: 'C.UTF-8' };
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('buildZip', () => {
  it('computes the IEEE CRC-32 over chunks', () => {
    expect(crc32([new TextEncoder().encode('123456789')])).toBe(0xcbf43926);
    expect(crc32([new TextEncoder().encode('1234'), new TextEncoder().encode('56789')])).toBe(0xcbf43926);
    expect(crc32([])).toBe(0);
  });

  it('writes a tree that unzip tests, lists and extracts, empty folders and UTF-8 names included', () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-zip-'));
    const files: Record<string, Uint8Array> = {
      'Reports/summary.txt': randomBytes(1_000),
      'Reports/Zeugenaussage Müller ✓.bin': randomBytes(300_000),
      'Reports/2024/Q4/ledger.csv': randomBytes(5_000),
      'Reports/blank.bin': new Uint8Array(0),
    };
    const folders = ['Reports/empty', 'Reports/2024/nothing here'];
    const parts = buildZip([
      ...folders.map((path) => ({ path })),
      // Files split in chunks as main hands them over.
      ...Object.entries(files).map(([path, bytes]) => ({
        path,
        data: [bytes.subarray(0, 100), bytes.subarray(100)],
      })),
    ]);
    const zip = join(dir, 'Reports.zip');
    writeFileSync(zip, Buffer.concat(parts));
    execFileSync('unzip', ['-tq', zip], { env });
    const listed = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8', env }).trim().split('\n').sort();
    expect(listed).toEqual([...folders.map((f) => `${f}/`), ...Object.keys(files)].sort());
    const out = join(dir, 'out');
    execFileSync('unzip', ['-q', zip, '-d', out], { env });
    for (const [path, bytes] of Object.entries(files))
      expect(sha(readFileSync(join(out, path)))).toBe(sha(bytes));
    for (const folder of folders) expect(statSync(join(out, folder)).isDirectory()).toBe(true);
  });
});
