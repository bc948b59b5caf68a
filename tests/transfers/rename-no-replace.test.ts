/**
 * Renaming never overwrites silently. The portal's FTPS server refuses an
 * RNTO (and MKD) onto a taken name unless `SITE REPLACE` came first, also
 * when 100 renames race for one name; the client's *Rename* and *New
 * folder* refuse a taken name with a message, on the portal and on vsftpd
 * (which would replace); an upload the user chose to replace still does.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { JailedFileSystem } from '../../server/ftps/jailed-fs';
import type { TransferEngine } from '../../main/services/transfers/engine/transfer-engine';
import { loginClient, startEmbedded } from './helpers/embedded';
import { makeEngine, tempDir } from './helpers/engine';
import { startVsftpd, type Vsftpd } from './helpers/vsftpd';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function writeFile(jail: JailedFileSystem, name: string, text: string): Promise<void> {
  const w = await jail.openWrite(name, {});
  await new Promise<void>((resolve, reject) => w.end(text, () => resolve()).once('error', reject));
}

describe('the portal FTPS server refuses a rename onto a taken name', () => {
  it('answers 553 to RNTO onto a file or folder, 550 to MKD onto one, and replaces only after SITE REPLACE', async () => {
    const server = await startEmbedded();
    cleanups.push(() => server.close());
    const client = await loginClient(server);
    cleanups.push(() => client.close());
    await client.uploadFrom(Readable.from([Buffer.from('AAA')]), '/a.txt');
    await client.uploadFrom(Readable.from([Buffer.from('BBBBBB')]), '/b.txt');
    await client.ensureDir('/folder');
    await client.cd('/');

    expect((await client.sendIgnoringError('RNFR /a.txt')).code).toBe(350);
    const refused = await client.sendIgnoringError('RNTO /b.txt');
    expect(refused.code).toBe(553);
    expect(refused.message).toMatch(/already exists/);
    expect(await fsp.readFile(path.join(server.userDir, 'b.txt'), 'utf8')).toBe('BBBBBB');
    expect(await fsp.readFile(path.join(server.userDir, 'a.txt'), 'utf8')).toBe('AAA');

    // A folder onto a file, a file onto a folder, a new folder onto a file.
    expect((await client.sendIgnoringError('RNFR /folder')).code).toBe(350);
    expect((await client.sendIgnoringError('RNTO /b.txt')).code).toBe(553);
    expect((await client.sendIgnoringError('RNFR /a.txt')).code).toBe(350);
    expect((await client.sendIgnoringError('RNTO /folder')).code).toBe(553);
    expect((await client.sendIgnoringError('MKD /b.txt')).code).toBe(550);
    expect((await fsp.stat(path.join(server.userDir, 'folder'))).isDirectory()).toBe(true);

    // Asked for: the replace goes through, once.
    expect((await client.sendIgnoringError('SITE REPLACE')).code).toBe(200);
    expect((await client.sendIgnoringError('RNFR /a.txt')).code).toBe(350);
    expect((await client.sendIgnoringError('RNTO /b.txt')).code).toBe(250);
    expect(await fsp.readFile(path.join(server.userDir, 'b.txt'), 'utf8')).toBe('AAA');
    await client.uploadFrom(Readable.from([Buffer.from('CCC')]), '/c.txt');
    expect((await client.sendIgnoringError('RNFR /c.txt')).code).toBe(350);
    expect((await client.sendIgnoringError('RNTO /b.txt')).code).toBe(553);
    expect(await fsp.readFile(path.join(server.userDir, 'b.txt'), 'utf8')).toBe('AAA');
  });

  it('lets exactly one of 100 simultaneous renames onto one name win, and loses none of the others', async () => {
    const root = await tempDir();
    cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
    const jail = new JailedFileSystem(root);
    await jail.mkdir('/in');
    const names = Array.from({ length: 100 }, (_, i) => `f${i}.txt`);
    for (const name of names) await writeFile(jail, `/in/${name}`, `content of ${name}`);

    const results = await Promise.allSettled(
      names.map((name) => jail.rename(`/in/${name}`, '/in/target.txt')),
    );
    const won = names.filter((_, i) => results[i]!.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect((result.reason as { code: string }).code).toBe('exists');
    expect(await fsp.readFile(path.join(root, 'in', 'target.txt'), 'utf8')).toBe(`content of ${won[0]}`);
    const left = (await fsp.readdir(path.join(root, 'in'))).filter((n) => n !== 'target.txt').sort();
    expect(left).toEqual(names.filter((n) => n !== won[0]).sort());
    for (const name of left)
      expect(await fsp.readFile(path.join(root, 'in', name), 'utf8')).toBe(`content of ${name}`);
  });
});

describe.each(['portal', 'vsftpd'] as const)('Rename and New folder in the client (%s)', (kind) => {
  it('refuses a taken name with a message and leaves both files as they were', async () => {
    const portal = kind === 'portal' ? await startEmbedded() : null;
    const server = portal ?? (await startVsftpd());
    cleanups.push(() => server.close());
    // vsftpd's anonymous root is writable only below /pub.
    const remote = portal ? '' : '/pub';
    const dir = portal ? portal.userDir : path.join((server as Vsftpd).root, 'pub');
    await fsp.writeFile(path.join(dir, 'a.txt'), 'AAA');
    await fsp.writeFile(path.join(dir, 'b.txt'), 'BBBBBB');
    await fsp.mkdir(path.join(dir, 'docs'));
    const work = await tempDir();
    cleanups.push(() => fsp.rm(work, { recursive: true, force: true }));
    const engine: TransferEngine = makeEngine(path.join(work, 'data'));
    cleanups.push(() => engine.close());
    engine.setCredentials(server.credentials());

    await expect(engine.remote.rename(`${remote}/a.txt`, 'b.txt')).rejects.toThrow(
      'A file or folder named “b.txt” already exists here',
    );
    await expect(engine.remote.rename(`${remote}/a.txt`, 'docs')).rejects.toThrow('already exists');
    await expect(engine.remote.createFolder(remote || '/', 'b.txt')).rejects.toThrow('already exists');
    expect(await fsp.readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('AAA');
    expect(await fsp.readFile(path.join(dir, 'b.txt'), 'utf8')).toBe('BBBBBB');

    // A free name still works.
    await engine.remote.rename(`${remote}/a.txt`, 'c.txt');
    expect(await fsp.readFile(path.join(dir, 'c.txt'), 'utf8')).toBe('AAA');
  });
});
