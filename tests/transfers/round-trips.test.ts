/**
 * The small-file fast path: pipelined commands, the hash in the embedded
 * endpoint's 226 reply, conflicts found from one cached folder listing
 * (including names a listing may hide), and a cache that forgets folders
 * the user changed. Checks behaviour and the commands sent, never timing.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { FTPContext } from 'basic-ftp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transferReplySha256 } from '../../main/services/transfers/engine/ftp-connection';
import type { TransferEngine } from '../../main/services/transfers/engine/transfer-engine';
import { startEmbedded, type EmbeddedServer } from './helpers/embedded';
import { makeEngine, tempDir } from './helpers/engine';
import { sha256File, treeHashes, writeRandomFile } from './helpers/files';
import { startVsftpd, type Vsftpd } from './helpers/vsftpd';

/** Commands basic-ftp sends one by one (pipelined writes bypass `send`). */
const sent: string[] = [];
const proto = FTPContext.prototype as unknown as { send(command: string): void };
const originalSend = proto.send;

let work: string;
const engines: TransferEngine[] = [];

beforeAll(async () => {
  work = await tempDir();
  proto.send = function (this: FTPContext, command: string) {
    sent.push(command.split(' ')[0]!);
    return originalSend.call(this, command);
  };
});

afterAll(async () => {
  proto.send = originalSend;
  await fsp.rm(work, { recursive: true, force: true });
});

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function engineAt(name: string): TransferEngine {
  const engine = makeEngine(path.join(work, name));
  engines.push(engine);
  return engine;
}

describe('transfer-complete reply hash', () => {
  it('reads X-SHA256 only from a 226 reply with a full hex hash', () => {
    const hex = 'ab'.repeat(32);
    expect(transferReplySha256({ code: 226, message: `226 Transfer complete; X-SHA256 ${hex.toUpperCase()}` })).toBe(hex);
    expect(transferReplySha256({ code: 226, message: '226 Transfer complete' })).toBeNull();
    expect(transferReplySha256({ code: 250, message: `250 X-SHA256 ${hex}` })).toBeNull();
    expect(transferReplySha256({ code: 226, message: `226 X-SHA256 ${hex.slice(2)}` })).toBeNull();
    expect(transferReplySha256(undefined)).toBeNull();
  });
});

describe('embedded endpoint fast path', () => {
  let server: EmbeddedServer;
  beforeAll(async () => {
    server = await startEmbedded();
  });
  afterAll(async () => {
    await server.close();
  });

  it('verifies small files up and down from the 226 hash, without HASH or per-file SIZE', async () => {
    const src = path.join(work, 'fast', 'batch');
    for (let i = 0; i < 30; i++) await writeRandomFile(path.join(src, `f${i}.bin`), 100 + i * 311);
    await writeRandomFile(path.join(src, 'empty.bin'), 0);
    const engine = engineAt('fast-data');
    engine.setCredentials(server.credentials());
    sent.length = 0;
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/fast' });
    await engine.whenIdle();
    await engine.enqueueDownload({ remotePaths: ['/fast/batch'], localDir: path.join(work, 'fast', 'back') });
    await engine.whenIdle();
    const items = engine.page(0, 100).items;
    expect(items).toHaveLength(62);
    expect(items.filter((i) => i.status !== 'verified')).toEqual([]);
    expect(sent.filter((c) => c === 'HASH' || c === 'SIZE' || c === 'STOR' || c === 'RETR')).toEqual(
      // Only the download's enqueue asks for the size of the folder it was given.
      ['SIZE'],
    );
    expect(await treeHashes(path.join(server.userDir, 'fast', 'batch'))).toEqual(await treeHashes(src));
    expect(await treeHashes(path.join(work, 'fast', 'back', 'batch'))).toEqual(await treeHashes(src));
  });

  it('asks on a real conflict, and does not after the user deleted the file in the browser', async () => {
    const src = path.join(work, 'forget', 'x');
    await writeRandomFile(path.join(src, 'a.bin'), 500);
    await writeRandomFile(path.join(server.userDir, 'forget', 'x', 'a.bin'), 100);
    const engine = engineAt('forget-data');
    engine.setCredentials(server.credentials());
    const conflicts: number[] = [];
    engine.on((event, payload) => {
      if (event === 'conflict') conflicts.push(payload.itemId);
    });
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/forget' });
    await engine.whenIdle();
    expect(conflicts).toHaveLength(1);
    engine.resolveConflict(conflicts[0]!, 'skip');
    await engine.whenIdle();
    expect((await fsp.stat(path.join(server.userDir, 'forget', 'x', 'a.bin'))).size).toBe(100);
    await engine.remote.delete('/forget/x/a.bin', 'file');
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/forget' });
    await engine.whenIdle();
    expect(conflicts).toHaveLength(1);
    expect(await sha256File(path.join(server.userDir, 'forget', 'x', 'a.bin'))).toBe(await sha256File(path.join(src, 'a.bin')));
  });
});

describe('vsftpd fast path', () => {
  let server: Vsftpd;
  beforeAll(async () => {
    server = await startVsftpd();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('asks about every existing file, dot files included, and uploads the rest byte for byte', async () => {
    const src = path.join(work, 'vs', 'up');
    for (const name of ['.hidden', 'taken.bin', 'new1.bin', 'new2.bin']) await writeRandomFile(path.join(src, name), 2000);
    const remote = path.join(server.root, 'pub', 'vs', 'up');
    await writeRandomFile(path.join(remote, '.hidden'), 10);
    await writeRandomFile(path.join(remote, 'taken.bin'), 10);
    await fsp.chmod(path.join(server.root, 'pub', 'vs'), 0o777);
    await fsp.chmod(remote, 0o777);
    const engine = engineAt('vs-data');
    engine.setCredentials(server.credentials());
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/pub/vs' });
    await engine.whenIdle();
    const byName = new Map(engine.page(0, 10).items.map((i) => [path.basename(i.remotePath), i.status]));
    expect(Object.fromEntries(byName)).toEqual({ '.hidden': 'conflict', 'taken.bin': 'conflict', 'new1.bin': 'done', 'new2.bin': 'done' });
    expect((await fsp.stat(path.join(remote, 'taken.bin'))).size).toBe(10);
    expect(await sha256File(path.join(remote, 'new1.bin'))).toBe(await sha256File(path.join(src, 'new1.bin')));
    expect((await fsp.readdir(remote)).some((n) => n.endsWith('.portico-part'))).toBe(false);
  });
});
