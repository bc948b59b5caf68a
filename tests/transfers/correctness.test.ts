/**
 * Correctness gaps of the engine against the embedded endpoint: empty
 * folders keep the tree's structure, a cancel leaves no part file (and
 * nothing under a final name), a full disk on either side fails only its
 * own item while the rest of the queue goes on.
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JailedFileSystem } from '../../server/ftps/jailed-fs';
import type { TransferEngine } from '../../main/services/transfers/engine/transfer-engine';
import type { startEmbedded } from './helpers/embedded';
import { engineOnEmbedded, type makeEngine, until } from './helpers/engine';
import { listFiles, treeHashes, writeRandomFile } from './helpers/files';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const setup = (extra: Parameters<typeof startEmbedded>[0] = {}, options: Parameters<typeof makeEngine>[1] = {}) =>
  engineOnEmbedded(cleanups, extra, options);

async function isDir(p: string): Promise<boolean> {
  return (await fsp.stat(p).catch(() => null))?.isDirectory() ?? false;
}

/** The random part name the engine gave the item whose file is `name` (set before the part is opened). */
function partNameOf(engine: TransferEngine, name: string): string | undefined {
  return engine.page(0, 100).items.find((i) => path.basename(i.localPath) === name || path.posix.basename(i.remotePath) === name)?.partName;
}

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

describe('empty folders', () => {
  it('creates empty folders of an upload remotely and of a download locally, structure kept', async () => {
    const { server, work, engine } = await setup();
    const src = path.join(work, 'tree');
    await writeRandomFile(path.join(src, 'a', 'file.bin'), 2000);
    await fsp.mkdir(path.join(src, 'a', 'empty'), { recursive: true });
    await fsp.mkdir(path.join(src, 'b', 'c', 'deep-empty'), { recursive: true });
    await fsp.mkdir(path.join(work, 'lonely'));
    await engine.enqueueUpload({ localPaths: [src, path.join(work, 'lonely')], remoteDir: '/' });
    await engine.whenIdle();
    const up = engine.page(0, 100).items;
    expect(up.filter((i) => i.folder).map((i) => i.remotePath).sort()).toEqual(['/lonely', '/tree/a/empty', '/tree/b/c/deep-empty']);
    expect(up.every((i) => i.status === 'verified' || (i.folder && i.status === 'done'))).toBe(true);
    for (const dir of ['tree/a/empty', 'tree/b/c/deep-empty', 'lonely']) expect(await isDir(path.join(server.userDir, dir))).toBe(true);
    expect(await treeHashes(path.join(server.userDir, 'tree'))).toEqual(await treeHashes(src));

    const dest = path.join(work, 'dest');
    await engine.enqueueDownload({ remotePaths: ['/tree', '/lonely'], localDir: dest });
    await engine.whenIdle();
    const down = engine.page(0, 100).items.filter((i) => i.direction === 'download');
    expect(down.every((i) => i.status === 'verified' || (i.folder && i.status === 'done'))).toBe(true);
    for (const dir of ['tree/a/empty', 'tree/b/c/deep-empty', 'lonely']) expect(await isDir(path.join(dest, dir))).toBe(true);
    expect(await treeHashes(path.join(dest, 'tree'))).toEqual(await treeHashes(src));
  });

  it('fails an empty folder item whose name is taken by a remote file; the rest goes on', async () => {
    const { server, work, engine } = await setup();
    await fsp.writeFile(path.join(server.userDir, 'taken'), 'a file');
    await fsp.mkdir(path.join(work, 'taken'));
    await writeRandomFile(path.join(work, 'ok.bin'), 500);
    await engine.enqueueUpload({ localPaths: [path.join(work, 'taken'), path.join(work, 'ok.bin')], remoteDir: '/' });
    await engine.whenIdle();
    const [taken, ok] = engine.page(0, 2).items;
    expect(taken).toMatchObject({ status: 'failed', error: { code: 'remote_error' } });
    expect(ok?.status).toBe('verified');
  });
});

describe('cancel', () => {
  it('removes the remote .portico-part of a cancelled upload and leaves nothing under the final name', async () => {
    const { server, work, engine } = await setup({}, { bytesPerSecondLimit: 256 * 1024 });
    await writeRandomFile(path.join(work, 'big.bin'), 8 * 1024 * 1024);
    await engine.enqueueUpload({ localPaths: [path.join(work, 'big.bin')], remoteDir: '/' });
    await until(() => (engine.page(0, 1).items[0]?.transferred ?? 0) > 256 * 1024);
    engine.cancel();
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]?.status).toBe('cancelled');
    expect(await listFiles(server.userDir)).toEqual([]);
  });

  it('removes the part of an upload cancelled while paused', async () => {
    const { server, work, engine } = await setup({}, { bytesPerSecondLimit: 256 * 1024 });
    await writeRandomFile(path.join(work, 'big.bin'), 8 * 1024 * 1024);
    await engine.enqueueUpload({ localPaths: [path.join(work, 'big.bin')], remoteDir: '/' });
    await until(() => (engine.page(0, 1).items[0]?.transferred ?? 0) > 256 * 1024);
    engine.pause();
    await engine.whenIdle();
    // The part has a random name of its own, kept on the item so a resume finds it.
    const partName = engine.page(0, 1).items[0]?.partName ?? '';
    expect(partName).toMatch(/^\.portico-[0-9a-f]{24}\.portico-part$/);
    expect((await listFiles(server.userDir)).map((f) => path.basename(f))).toEqual([partName]);
    engine.cancel();
    await engine.whenIdle();
    expect(await listFiles(server.userDir)).toEqual([]);
  });

  it('removes the local .part of a cancelled download and leaves nothing under the final name', async () => {
    const { server, work, engine } = await setup({}, { bytesPerSecondLimit: 256 * 1024 });
    await writeRandomFile(path.join(server.userDir, 'big.bin'), 8 * 1024 * 1024);
    const dest = path.join(work, 'dest');
    await engine.enqueueDownload({ remotePaths: ['/big.bin'], localDir: dest });
    await until(() => (engine.page(0, 1).items[0]?.transferred ?? 0) > 256 * 1024);
    engine.cancel();
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]?.status).toBe('cancelled');
    expect(await listFiles(dest)).toEqual([]);
  });
});

describe('full disk', () => {
  it('fails a download whose local writes hit ENOSPC with disk_full; the other file is verified', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(server.userDir, 'full.bin'), 300_000);
    await writeRandomFile(path.join(server.userDir, 'fine.bin'), 300_000);
    const realOpen = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle: FileHandle = await realOpen(...args);
      if (path.basename(String(args[0])) === partNameOf(engine, 'full.bin')) {
        handle.write = (async () => Promise.reject(enospc())) as unknown as FileHandle['write'];
        handle.writev = (async () => Promise.reject(enospc())) as unknown as FileHandle['writev'];
      }
      return handle;
    });
    const dest = path.join(work, 'dest');
    await engine.enqueueDownload({ remotePaths: ['/full.bin', '/fine.bin'], localDir: dest });
    await engine.whenIdle();
    const [full, fine] = engine.page(0, 2).items;
    expect(full).toMatchObject({ status: 'failed', error: { code: 'disk_full' } });
    expect(fine?.status).toBe('verified');
    const names = (await listFiles(dest)).map((f) => path.basename(f));
    expect(names).toContain('fine.bin');
    expect(names).not.toContain('full.bin');
  });

  it('fails an upload the server cannot store (552) with remote_full; the other file is verified', async () => {
    let engineRef: TransferEngine | null = null;
    const { server, work, engine } = await setup({
      fileSystemFor: (userRoot) => {
        const real = new JailedFileSystem(userRoot);
        const openWrite = real.openWrite.bind(real);
        real.openWrite = async (p, options) => {
          if (path.posix.basename(p) !== partNameOf(engineRef!, 'full.bin')) return openWrite(p, options);
          return new Writable({ write: (_chunk, _enc, callback) => callback(enospc()) });
        };
        return real;
      },
    });
    engineRef = engine;
    await writeRandomFile(path.join(work, 'full.bin'), 300_000);
    await writeRandomFile(path.join(work, 'fine.bin'), 300_000);
    await engine.enqueueUpload({ localPaths: [path.join(work, 'full.bin'), path.join(work, 'fine.bin')], remoteDir: '/' });
    await engine.whenIdle();
    const [full, fine] = engine.page(0, 2).items;
    expect(full).toMatchObject({ status: 'failed', error: { code: 'remote_full' } });
    expect(fine?.status).toBe('verified');
    expect(await listFiles(server.userDir).then((l) => l.map((f) => path.basename(f)))).not.toContain('full.bin');
  });
});
