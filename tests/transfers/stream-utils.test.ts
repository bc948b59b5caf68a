import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSmallFile } from '../../main/services/transfers/engine/stream-utils';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
});

async function fileWith(data: Buffer): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'portico-su-'));
  dirs.push(dir);
  const file = path.join(dir, 'f.bin');
  await fsp.writeFile(file, data);
  return file;
}

describe('readSmallFile', () => {
  it('reads the whole file into one buffer', async () => {
    const data = randomBytes(100_003);
    const got = await readSmallFile(await fileWith(data), data.length);
    expect(got?.equals(data)).toBe(true);
  });

  it('answers null when the file is now shorter than its stat said (it changed)', async () => {
    const data = randomBytes(5000);
    expect(await readSmallFile(await fileWith(data), data.length + 1)).toBeNull();
  });

  it('reads only the stated size when the file has grown (the after-check reports the change)', async () => {
    const data = randomBytes(5000);
    const got = await readSmallFile(await fileWith(data), 4000);
    expect(got?.equals(data.subarray(0, 4000))).toBe(true);
  });

  it('fails for a missing file', async () => {
    await expect(readSmallFile(path.join(os.tmpdir(), `portico-missing-${Date.now()}`), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
