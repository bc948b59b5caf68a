/**
 * Names that collide: a part file never shares a name with anything the
 * batch or the folder holds (`a.bin` beside `a.bin.part` or
 * `a.bin.portico-part`), remote names that map to one local name (case,
 * forbidden characters) get distinct local names decided by a normalised
 * key (as a case-insensitive disk would see them, even on Linux), and
 * "verified" means the file under its final name hashes to the server's hash.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmbedded } from './helpers/embedded';
import { engineOnEmbedded, makeEngine, tempDir } from './helpers/engine';
import { sha256File, treeHashes, writeRandomFile } from './helpers/files';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const setup = () => engineOnEmbedded(cleanups, {}, { connections: 4 });

/** 20 folders, each with `a.bin` and a sibling named like the engine's old part name, of different bytes. */
async function partLookalikes(root: string, suffix: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await writeRandomFile(path.join(root, `d${i}`, 'a.bin'), 40_000 + i);
    await writeRandomFile(path.join(root, `d${i}`, `a.bin${suffix}`), 30_000 + i);
  }
}

describe('part names', () => {
  it('downloads a.bin beside a.bin.part in 20 folders: every file lands under its own name, byte for byte', async () => {
    const { server, work, engine } = await setup();
    await partLookalikes(path.join(server.userDir, 'tree'), '.part');
    const dest = path.join(work, 'dest');
    await engine.enqueueDownload({ remotePaths: ['/tree'], localDir: dest, conflict: 'ask' });
    await engine.whenIdle();
    const items = engine.page(0, 100).items;
    expect(items).toHaveLength(40);
    expect(items.filter((i) => i.status !== 'verified')).toEqual([]);
    expect(await treeHashes(path.join(dest, 'tree'))).toEqual(
      await treeHashes(path.join(server.userDir, 'tree')),
    );
  });

  it('uploads a.bin beside a.bin.portico-part in 20 folders: every file lands under its own name, byte for byte', async () => {
    const { server, work, engine } = await setup();
    const src = path.join(work, 'tree');
    await partLookalikes(src, '.portico-part');
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/', conflict: 'ask' });
    await engine.whenIdle();
    const items = engine.page(0, 100).items;
    expect(items).toHaveLength(40);
    expect(items.filter((i) => i.status !== 'verified')).toEqual([]);
    expect(await treeHashes(path.join(server.userDir, 'tree'))).toEqual(await treeHashes(src));
  });

  it('never says verified when the file under the final name is not what the server holds', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(server.userDir, 'x.bin'), 50_000);
    const dest = path.join(work, 'dest');
    // Something changes the file right after it got its final name (another program, a sync tool).
    const realLink = fsp.link.bind(fsp);
    const realRename = fsp.rename.bind(fsp);
    const tamper = async (target: string) => {
      if (path.basename(String(target)) === 'x.bin') await fsp.appendFile(String(target), 'tampered');
    };
    vi.spyOn(fsp, 'link').mockImplementation(async (from, to) => {
      await realLink(from, to);
      await tamper(String(to));
    });
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      await realRename(from, to);
      await tamper(String(to));
    });
    await engine.enqueueDownload({ remotePaths: ['/x.bin'], localDir: dest });
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]).toMatchObject({ status: 'failed', error: { code: 'verify_failed' } });
  });
});

describe('final names', () => {
  it('asks when the name is taken while the file downloads, and keeps the file that took it', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(server.userDir, 'x.bin'), 50_000);
    const dest = path.join(work, 'dest');
    // Another program saves a file under the same name while the part is being written.
    const realOpen = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const file = String(args[0]);
      if (path.dirname(file) === dest && path.basename(file) !== 'x.bin')
        await fsp.writeFile(path.join(dest, 'x.bin'), 'theirs');
      return realOpen(...args);
    });
    await engine.enqueueDownload({ remotePaths: ['/x.bin'], localDir: dest, conflict: 'ask' });
    await engine.whenIdle();
    const item = engine.page(0, 1).items[0]!;
    expect(item.status).toBe('conflict');
    expect(await fsp.readFile(path.join(dest, 'x.bin'), 'utf8')).toBe('theirs');
    vi.restoreAllMocks();
    engine.resolveConflict(item.id, 'rename');
    await engine.whenIdle();
    const renamed = engine.page(0, 1).items[0]!;
    expect(renamed).toMatchObject({ status: 'verified', localPath: path.join(dest, 'x (1).bin') });
    expect(await sha256File(renamed.localPath)).toBe(await sha256File(path.join(server.userDir, 'x.bin')));
    expect((await fsp.readdir(dest)).sort()).toEqual(['x (1).bin', 'x.bin']);
    expect(await fsp.readFile(path.join(dest, 'x.bin'), 'utf8')).toBe('theirs');
  });
});

describe('parts written before part names were random', () => {
  it('resumes a download journaled with bytes in `<name>.part` from that part, and leaves no part', async () => {
    const server = await startEmbedded();
    const work = await tempDir();
    cleanups.push(async () => {
      await server.close();
      await fsp.rm(work, { recursive: true, force: true });
    });
    await writeRandomFile(path.join(server.userDir, 'old.bin'), 200_000);
    const whole = await fsp.readFile(path.join(server.userDir, 'old.bin'));
    const dest = path.join(work, 'dest');
    await fsp.mkdir(dest);
    // The first half, as the old engine left it; the marker proves the resume kept these bytes.
    const half = Buffer.from(whole.subarray(0, 100_000));
    half[0] = half[0]! ^ 0xff;
    await fsp.writeFile(path.join(dest, 'old.bin.part'), half);
    const journal = path.join(work, 'data', 'transfers', 'queue.jsonl');
    await fsp.mkdir(path.dirname(journal), { recursive: true });
    const batch = { id: 1, direction: 'download', localRoot: dest, conflict: 'ask' };
    const item = {
      id: 1,
      batchId: 1,
      direction: 'download',
      localPath: path.join(dest, 'old.bin'),
      remotePath: '/old.bin',
      size: 200_000,
      transferred: 100_000,
      status: 'running',
      attempts: 0,
      partial: true,
    };
    await fsp.writeFile(
      journal,
      `${JSON.stringify({ op: 'batch', batch })}\n${JSON.stringify({ op: 'add', item })}\n`,
    );
    const engine = makeEngine(path.join(work, 'data'));
    cleanups.push(() => engine.close());
    engine.setCredentials(server.credentials());
    await engine.whenIdle();
    // The first try resumed from byte 100,000 of the old part, so its changed first byte failed the
    // SHA-256 check and the part went; the retry fetched the whole file.
    expect(engine.page(0, 1).items[0]).toMatchObject({ status: 'verified', attempts: 1 });
    expect(await fsp.readdir(dest)).toEqual(['old.bin']);
    expect(await sha256File(path.join(dest, 'old.bin'))).toBe(
      await sha256File(path.join(server.userDir, 'old.bin')),
    );
  });
});

describe('colliding local names', () => {
  it('gives four remote names that map to one local name four distinct local names, each with its own bytes', async () => {
    const { server, work, engine } = await setup();
    const names = ['a:b.txt', 'a?b.txt', 'A*b.txt', 'a|B.txt'];
    for (const [i, name] of names.entries())
      await writeRandomFile(path.join(server.userDir, 'in', name), 1000 + i);
    const dest = path.join(work, 'dest');
    await engine.enqueueDownload({ remotePaths: ['/in'], localDir: dest, conflict: 'ask' });
    await engine.whenIdle();
    const items = engine.page(0, 10).items;
    expect(items).toHaveLength(4);
    expect(items.filter((i) => i.status !== 'verified')).toEqual([]);
    // Distinct as a case-insensitive disk (macOS, Windows) would see them.
    const keys = new Set(items.map((i) => path.basename(i.localPath).toLowerCase()));
    expect(keys.size).toBe(4);
    for (const item of items) {
      expect(path.dirname(item.localPath)).toBe(path.join(dest, 'in'));
      expect(await sha256File(item.localPath)).toBe(
        await sha256File(path.join(server.userDir, 'in', path.basename(item.remotePath))),
      );
    }
    expect((await fsp.readdir(path.join(dest, 'in'))).sort()).toEqual(
      items.map((i) => path.basename(i.localPath)).sort(),
    );
  });

  it('keeps folders apart that differ only by case', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(server.userDir, 'Docs', 'f.txt'), 100);
    await writeRandomFile(path.join(server.userDir, 'docs', 'f.txt'), 200);
    const dest = path.join(work, 'dest');
    await engine.enqueueDownload({ remotePaths: ['/Docs', '/docs'], localDir: dest, conflict: 'ask' });
    await engine.whenIdle();
    const items = engine.page(0, 10).items;
    expect(items.map((i) => i.status)).toEqual(['verified', 'verified']);
    const folders = items.map((i) => path.basename(path.dirname(i.localPath)).toLowerCase());
    expect(new Set(folders).size).toBe(2);
    for (const item of items)
      expect(await sha256File(item.localPath)).toBe(
        await sha256File(path.join(server.userDir, item.remotePath)),
      );
  });

  it('asks before downloading onto a local file that differs only by case', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(server.userDir, 'report.txt'), 100);
    const dest = path.join(work, 'dest');
    await fsp.mkdir(dest);
    await fsp.writeFile(path.join(dest, 'REPORT.TXT'), 'mine');
    await engine.enqueueDownload({ remotePaths: ['/report.txt'], localDir: dest, conflict: 'ask' });
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]?.status).toBe('conflict');
    expect(await fsp.readFile(path.join(dest, 'REPORT.TXT'), 'utf8')).toBe('mine');
  });
});
