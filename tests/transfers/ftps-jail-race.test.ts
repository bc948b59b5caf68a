/**
 * The FTPS jail has no time window: a folder the session has just used,
 * swapped for a symlink to outside the user's folder, is refused at once by
 * STOR, RETR, MKD, RNFR/RNTO and DELE, and nothing outside changes.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { JailedFileSystem } from '../../server/ftps/jailed-fs';
import { holdByLstat, holdDir } from '../../server/ftps/no-follow';
import { loginClient, startEmbedded } from './helpers/embedded';
import { tempDir } from './helpers/engine';
import { treeHashes } from './helpers/files';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function outsideFolder(parent: string): Promise<string> {
  const outside = path.join(parent, 'outside');
  await fsp.mkdir(outside, { recursive: true });
  await fsp.writeFile(path.join(outside, 'secret.txt'), 'secret');
  await fsp.writeFile(path.join(outside, 'keep.txt'), 'keep');
  return outside;
}

describe('jail without a trust window', () => {
  it('refuses STOR, RETR, MKD, RNTO and DELE through a folder swapped for a symlink right after use', async () => {
    const server = await startEmbedded();
    cleanups.push(() => server.close());
    const outside = await outsideFolder(server.dir);
    const before = await treeHashes(outside);
    const local = await tempDir();
    cleanups.push(() => fsp.rm(local, { recursive: true, force: true }));
    const client = await loginClient(server);
    cleanups.push(() => client.close());
    await client.ensureDir('/box');
    await client.cd('/');
    await client.uploadFrom(Readable.from([Buffer.from('mine')]), '/mine.txt');
    // The session proves /box is inside the jail by using it…
    await client.uploadFrom(Readable.from([Buffer.from('a')]), '/box/a.txt');
    expect((await client.send('SIZE /box/a.txt')).code).toBe(213);
    // …and at once the folder becomes a symlink to outside.
    await fsp.rename(path.join(server.userDir, 'box'), path.join(server.userDir, 'box-was'));
    await fsp.symlink(outside, path.join(server.userDir, 'box'));

    await expect(client.uploadFrom(Readable.from([Buffer.from('evil')]), '/box/evil.txt')).rejects.toThrow(/550/);
    await expect(client.uploadFrom(Readable.from([Buffer.from('evil')]), '/box/secret.txt')).rejects.toThrow(/550/);
    await expect(client.downloadTo(path.join(local, 'got.txt'), '/box/secret.txt')).rejects.toThrow(/550/);
    expect((await client.sendIgnoringError('MKD /box/newdir')).code).toBe(550);
    expect((await client.sendIgnoringError('RNFR /mine.txt')).code).toBe(350);
    expect((await client.sendIgnoringError('RNTO /box/moved.txt')).code).toBe(550);
    expect((await client.sendIgnoringError('RNFR /box/keep.txt')).code).toBe(550);
    expect((await client.sendIgnoringError('DELE /box/keep.txt')).code).toBe(550);
    expect((await client.sendIgnoringError('RMD /box/newdir')).code).toBe(550);

    expect(await treeHashes(outside)).toEqual(before);
    expect((await fsp.readdir(outside)).sort()).toEqual(['keep.txt', 'secret.txt']);
    expect(await fsp.readFile(path.join(local, 'got.txt'), 'utf8').catch(() => '')).not.toContain('secret');
    expect(await fsp.readFile(path.join(server.userDir, 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a symlink swapped in at any depth, on every call, and still serves real folders', async () => {
    const root = await tempDir();
    cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
    const outside = await outsideFolder(root);
    const user = path.join(root, 'user');
    await fsp.mkdir(user);
    const jail = new JailedFileSystem(user);
    await jail.mkdir('/a');
    await jail.mkdir('/a/b');
    const w = await jail.openWrite('/a/b/f.txt', {});
    await new Promise<void>((resolve, reject) => w.end('deep', () => resolve()).once('error', reject));
    expect(await jail.sha256('/a/b/f.txt')).toHaveLength(64);
    expect((await jail.list('/a/b')).map((e) => e.name)).toEqual(['f.txt']);

    await fsp.rename(path.join(user, 'a', 'b'), path.join(user, 'a', 'b-was'));
    await fsp.symlink(outside, path.join(user, 'a', 'b'));
    const before = await treeHashes(outside);
    await expect(jail.openWrite('/a/b/secret.txt', {})).rejects.toThrow();
    await expect(jail.openRead('/a/b/secret.txt', 0)).rejects.toThrow();
    await expect(jail.list('/a/b')).rejects.toThrow();
    await expect(jail.stat('/a/b/keep.txt')).rejects.toThrow();
    await expect(jail.mkdir('/a/b/x')).rejects.toThrow();
    await expect(jail.delete('/a/b/keep.txt')).rejects.toThrow();
    await expect(jail.rename('/a/b/keep.txt', '/stolen.txt')).rejects.toThrow();
    await expect(jail.rename('/a/b-was/f.txt', '/a/b/f.txt')).rejects.toThrow();
    await expect(jail.rename('/a/b/keep.txt', '/a/b/moved.txt')).rejects.toThrow();
    expect(await treeHashes(outside)).toEqual(before);
    await expect(fsp.access(path.join(user, 'stolen.txt'))).rejects.toThrow();

    // The moved folder is an ordinary folder and still works.
    expect((await jail.list('/a')).map((e) => e.name).sort()).toEqual(['b-was']);
    await jail.rename('/a/b-was/f.txt', '/f.txt');
    expect((await jail.stat('/f.txt')).size).toBe(4);
    await jail.rename('/f.txt', '/g.txt');
    expect((await jail.list('/')).map((e) => e.name).sort()).toEqual(['a', 'g.txt']);
  });

  it('walks folders without following links, with descriptors and without', async () => {
    const root = await tempDir();
    cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
    const outside = await outsideFolder(root);
    const user = path.join(root, 'user');
    await fsp.mkdir(path.join(user, 'a', 'b'), { recursive: true });
    await fsp.writeFile(path.join(user, 'a', 'file'), 'x');
    await fsp.symlink(outside, path.join(user, 'a', 'link'));
    for (const hold of [holdDir, holdByLstat]) {
      const dir = await hold(user, ['a', 'b']);
      await fsp.writeFile(dir.entry('made.txt'), 'ok');
      await dir.release();
      expect(await fsp.readFile(path.join(user, 'a', 'b', 'made.txt'), 'utf8')).toBe('ok');
      await expect(hold(user, ['a', 'link'])).rejects.toMatchObject({ code: expect.stringMatching(/ELOOP|ENOTDIR/) });
      await expect(hold(user, ['a', 'file'])).rejects.toMatchObject({ code: 'ENOTDIR' });
      await expect(hold(user, ['a', 'missing'])).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(hold(user, ['a', '..', '..'])).rejects.toMatchObject({ code: 'EACCES' });
    }
    expect((await fsp.readdir(outside)).sort()).toEqual(['keep.txt', 'secret.txt']);
  });
});
