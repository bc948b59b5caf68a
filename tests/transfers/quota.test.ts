/**
 * The per-user storage quota and file-size limit of the portal's FTPS
 * server: a `REST` far past the end no longer makes a huge sparse file,
 * going over answers `552` with the numbers, 100 parallel writers never pass
 * the quota together, deletes give the room back, and the desktop client
 * says "Your cloud storage is full (X of Y used)" and goes on with the queue.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../../common/text/bytes';
import { toItemView } from '../../main/services/transfers/views';
import { JailedFileSystem } from '../../server/ftps/jailed-fs';
import { QuotaFileSystem, StorageLedger } from '../../server/ftps/quota';
import { startEmbedded } from './helpers/embedded';
import { makeEngine, tempDir } from './helpers/engine';
import { listFiles, writeRandomFile } from './helpers/files';
import { RawFtps, openData, type Reply } from './helpers/raw-ftps';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** Apparent sizes of every file under `dir`, added up. */
async function bytesOnDisk(dir: string): Promise<number> {
  let total = 0;
  for (const file of await listFiles(dir)) total += (await fsp.stat(file)).size;
  return total;
}

/**
 * One STOR (after `REST rest`) of `size` bytes on a bare client, which reads
 * the server's final reply whatever happens to the data connection.
 */
async function put(client: RawFtps, name: string, size: number, rest?: number): Promise<Reply> {
  if (rest !== undefined) expect((await client.send(`REST ${rest}`)).code).toBe(350);
  const data = openData(await client.pasv(), client.session());
  client.write(`STOR ${name}`);
  const first = await client.reply();
  if (first.code !== 150) {
    data.socket.destroy();
    return first;
  }
  data.socket.end(Buffer.alloc(size, 7));
  return client.reply();
}

function chunks(size: number, chunk = 4096): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += chunk) yield Buffer.alloc(Math.min(chunk, size - sent), 7);
    })(),
  );
}

describe('the FTPS server enforces the storage quota and file-size limit', () => {
  it('answers 552 to a REST past the size limit, a file over it, and a write over the quota; a delete gives room back', async () => {
    const limits = { quotaBytes: 1_000_000, maxFileBytes: 600_000 };
    const server = await startEmbedded({ storageLimits: limits });
    cleanups.push(() => server.close());
    const { client } = await RawFtps.connect(server.endpoint.port);
    cleanups.push(() => client.close());
    await client.login('alice', server.credentials().token);

    // The red-team's 1 TB sparse file: refused before anything is created.
    const sparse = await put(client, '/sparse.bin', 10, 1_000_000_000_000);
    expect(sparse).toMatchObject({
      code: 552,
      text: expect.stringMatching(/^File too large: the limit is 600000 bytes/),
    });
    expect(await bytesOnDisk(server.userDir)).toBe(0);

    // Bigger than a file may be: stopped at the limit.
    expect(await put(client, '/big.bin', 700_000)).toMatchObject({
      code: 552,
      text: expect.stringMatching(/^File too large/),
    });
    expect(await bytesOnDisk(server.userDir)).toBeLessThanOrEqual(limits.maxFileBytes);
    expect((await client.send('DELE /big.bin')).code).toBe(250);

    expect((await put(client, '/one.bin', 500_000)).code).toBe(226);
    expect((await put(client, '/two.bin', 400_000)).code).toBe(226);
    expect(await put(client, '/three.bin', 200_000)).toMatchObject({
      code: 552,
      text: expect.stringMatching(/^Quota exceeded: \d+ of 1000000 bytes used/),
    });
    expect(await bytesOnDisk(server.userDir)).toBeLessThanOrEqual(limits.quotaBytes);

    // Deleting and replacing a file free what they held.
    expect((await client.send('DELE /three.bin')).code).toBe(250);
    expect((await client.send('DELE /two.bin')).code).toBe(250);
    expect((await put(client, '/three.bin', 450_000)).code).toBe(226);
    expect((await put(client, '/one.bin', 100_000)).code).toBe(226); // truncates 500 000 to 100 000
    expect((await put(client, '/four.bin', 400_000)).code).toBe(226);
    expect(await bytesOnDisk(server.userDir)).toBe(950_000);
  });

  it('lets 100 parallel writers of one user together store no more than the quota', async () => {
    const root = await tempDir();
    cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
    const quota = 1_000_000;
    const ledger = new StorageLedger(quota);
    const sessions = Array.from(
      { length: 4 },
      () => new QuotaFileSystem(new JailedFileSystem(root), ledger, 10_000_000),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, async (_, i) => {
        const sink = await sessions[i % sessions.length]!.openWrite(`/f${i}.bin`, {});
        // One write each: the reservation is the whole file, so how many fit is exact.
        await pipeline(chunks(30_000, 30_000), sink);
      }),
    );
    const stored = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of refused)
      expect(r.reason).toMatchObject({ code: 'no_space', message: expect.stringMatching(/^Quota exceeded/) });
    expect(stored).toBe(Math.floor(quota / 30_000));
    const onDisk = await bytesOnDisk(root);
    expect(onDisk).toBeLessThanOrEqual(quota);
    // The ledger counts exactly what is on disk.
    expect(ledger.usedBytes).toBe(onDisk);
  });

  it('counts a file with two writers (a resume while the broken upload still runs) once, and frees it once', async () => {
    const root = await tempDir();
    cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
    const ledger = new StorageLedger(1_000_000);
    const fs = new QuotaFileSystem(new JailedFileSystem(root), ledger, 1_000_000);
    const first = await fs.openWrite('/same.bin', {});
    await new Promise<void>((resolve, reject) =>
      first.write(Buffer.alloc(300_000), (error) => (error ? reject(error) : resolve())),
    );
    const second = await fs.openWrite('/same.bin', { start: 100_000 });
    await pipeline(chunks(50_000), second);
    first.destroy();
    await new Promise((resolve) => first.once('close', resolve));
    const onDisk = await bytesOnDisk(root);
    expect(ledger.usedBytes).toBe(onDisk);
    await fs.delete('/same.bin');
    expect(ledger.usedBytes).toBe(0);
  });
});

describe('the desktop client over the quota', () => {
  it('fails the file that does not fit with "Your cloud storage is full (X of Y used)", removes its part and goes on with the queue', async () => {
    const quota = 1_000_000;
    const server = await startEmbedded({ storageLimits: { quotaBytes: quota, maxFileBytes: quota } });
    const work = await tempDir();
    // One connection: the files go in order, so which one does not fit is known.
    const engine = makeEngine(path.join(work, 'data'), { connections: 1 });
    cleanups.push(async () => {
      await engine.close();
      await server.close();
      await fsp.rm(work, { recursive: true, force: true });
    });
    engine.setCredentials(server.credentials());
    await writeRandomFile(path.join(work, 'first.bin'), 300_000);
    await writeRandomFile(path.join(work, 'huge.bin'), 900_000);
    await writeRandomFile(path.join(work, 'last.bin'), 300_000);
    await engine.enqueueUpload({
      localPaths: ['first.bin', 'huge.bin', 'last.bin'].map((n) => path.join(work, n)),
      remoteDir: '/',
    });
    await engine.whenIdle();

    const items = engine.page(0, 3).items;
    const byName = new Map(items.map((item) => [path.basename(item.remotePath), item]));
    expect(byName.get('first.bin')?.status).toBe('verified');
    expect(byName.get('last.bin')?.status).toBe('verified');
    const huge = byName.get('huge.bin')!;
    expect(huge).toMatchObject({ status: 'failed', error: { code: 'remote_full' } });
    const shown = toItemView(huge).error?.message ?? '';
    expect(shown).toMatch(
      new RegExp(
        `^Your cloud storage is full \\(.+ of ${formatBytes(quota).replace('.', '\\.')} used\\)\\.$`,
      ),
    );
    // Nothing moves any more: no time left is shown for the failed file's bytes.
    expect(engine.totals().etaSeconds).toBeNull();
    // No part is left behind for an item that cannot resume.
    expect((await listFiles(server.userDir)).map((f) => path.basename(f)).sort()).toEqual([
      'first.bin',
      'last.bin',
    ]);
  });
});
