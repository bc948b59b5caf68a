/**
 * The transfer engine against the embedded FTPS endpoint: trees up and down
 * with SHA-256 match and "verified", conflicts, many jobs, restart.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferEngine } from '../../main/services/transfers/engine/transfer-engine';
import { startEmbedded, type EmbeddedServer } from './helpers/embedded';
import { makeEngine, tempDir, until } from './helpers/engine';
import { makeTree, treeHashes, writeRandomFile, sha256File } from './helpers/files';

let server: EmbeddedServer;
let work: string;
const engines: TransferEngine[] = [];

beforeEach(async () => {
  server = await startEmbedded();
  work = await tempDir();
});

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  await server.close();
  await fsp.rm(work, { recursive: true, force: true });
});

function engineAt(dataDir: string, options: Parameters<typeof makeEngine>[1] = {}): TransferEngine {
  const engine = makeEngine(dataDir, options);
  engines.push(engine);
  return engine;
}

describe('transfer engine ↔ embedded endpoint', () => {
  it('uploads and downloads a folder tree byte for byte, each file verified', async () => {
    const src = path.join(work, 'src');
    await makeTree(src);
    const engine = engineAt(path.join(work, 'data'));
    engine.setCredentials(server.credentials());
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/' });
    await engine.whenIdle();
    const up = engine.page(0, 100).items;
    expect(up.length).toBe((await treeHashes(src)).size);
    expect(up.every((i) => i.status === 'verified')).toBe(true);
    expect(await treeHashes(path.join(server.userDir, 'src'))).toEqual(await treeHashes(src));
    // No temporary upload files left behind.
    expect([...(await treeHashes(server.userDir)).keys()].some((k) => k.endsWith('.portico-part'))).toBe(false);

    const dest = path.join(work, 'dest');
    await engine.enqueueDownload({ remotePaths: ['/src'], localDir: dest });
    await engine.whenIdle();
    const all = engine.page(0, 100).items;
    expect(all.filter((i) => i.direction === 'download').every((i) => i.status === 'verified')).toBe(true);
    expect(await treeHashes(path.join(dest, 'src'))).toEqual(await treeHashes(src));
  });

  it('runs 200 queued jobs over 4 connections with no errors', async () => {
    const src = path.join(work, 'many');
    for (let i = 0; i < 200; i++) await writeRandomFile(path.join(src, `f${String(i).padStart(3, '0')}.bin`), 1000 + i * 37);
    const engine = engineAt(path.join(work, 'data'));
    engine.setCredentials(server.credentials());
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/up' });
    await engine.whenIdle();
    const items = engine.page(0, 1000).items;
    expect(items).toHaveLength(200);
    expect(items.filter((i) => i.status !== 'verified').map((i) => i.error)).toEqual([]);
    expect(await treeHashes(path.join(server.userDir, 'up', 'many'))).toEqual(await treeHashes(src));
  });

  it('asks on conflicts and applies the answer to the whole batch', async () => {
    const src = path.join(work, 'c');
    for (const n of ['x1', 'x2', 'x3']) await writeRandomFile(path.join(src, n), 500);
    for (const n of ['x1', 'x2', 'x3']) await writeRandomFile(path.join(server.userDir, 'c', n), 100);
    const engine = engineAt(path.join(work, 'data'));
    const conflicts: number[] = [];
    engine.on((event, payload) => {
      if (event === 'conflict') conflicts.push(payload.itemId);
    });
    engine.setCredentials(server.credentials());
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/' });
    await engine.whenIdle();
    expect(conflicts).toHaveLength(3);
    // The connections meet the conflicts in any order: answer by name, not by arrival.
    const idOf = (name: string) => engine.page(0, 10).items.find((i) => i.remotePath === `/c/${name}`)!.id;
    expect([...conflicts].sort()).toEqual(['x1', 'x2', 'x3'].map(idOf).sort());
    engine.resolveConflict(idOf('x1'), 'rename');
    await engine.whenIdle();
    engine.resolveConflict(idOf('x2'), 'overwrite', true);
    await engine.whenIdle();
    const items = engine.page(0, 10).items;
    expect(items.map((i) => i.status)).toEqual(['verified', 'verified', 'verified']);
    expect(await sha256File(path.join(server.userDir, 'c', 'x1 (1)'))).toBe(await sha256File(path.join(src, 'x1')));
    expect((await fsp.stat(path.join(server.userDir, 'c', 'x1'))).size).toBe(100);
    expect(await sha256File(path.join(server.userDir, 'c', 'x3'))).toBe(await sha256File(path.join(src, 'x3')));
  });

  it('skips, and overwrites only newer files, when told so', async () => {
    await writeRandomFile(path.join(server.userDir, 'd', 'old'), 10);
    await writeRandomFile(path.join(server.userDir, 'd', 'new'), 20);
    const dest = path.join(work, 'dl');
    await writeRandomFile(path.join(dest, 'd', 'old'), 5);
    await writeRandomFile(path.join(dest, 'd', 'new'), 5);
    const past = new Date(Date.now() - 86_400_000);
    await fsp.utimes(path.join(dest, 'd', 'old'), past, past);
    const future = new Date(Date.now() + 86_400_000);
    await fsp.utimes(path.join(dest, 'd', 'new'), future, future);
    const engine = engineAt(path.join(work, 'data'));
    engine.setCredentials(server.credentials());
    await engine.enqueueDownload({ remotePaths: ['/d'], localDir: dest, conflict: 'overwrite-if-newer' });
    await engine.whenIdle();
    expect((await fsp.stat(path.join(dest, 'd', 'old'))).size).toBe(10);
    expect((await fsp.stat(path.join(dest, 'd', 'new'))).size).toBe(5);
  });

  it('carries on after a restart mid-queue and finishes every file', async () => {
    const src = path.join(work, 'r');
    for (let i = 0; i < 40; i++) await writeRandomFile(path.join(src, `f${i}`), 200_000);
    const dataDir = path.join(work, 'data');
    const first = makeEngine(dataDir, { bytesPerSecondLimit: 4_000_000 });
    first.setCredentials(server.credentials());
    await first.enqueueUpload({ localPaths: [src], remoteDir: '/' });
    await until(() => first.totals().finished >= 5);
    await first.close();
    const doneBefore = first.totals().finished;
    expect(doneBefore).toBeLessThan(40);

    const second = engineAt(dataDir);
    expect(second.page(0, 100).items).toHaveLength(40);
    second.setCredentials(server.credentials());
    await second.whenIdle();
    expect(second.page(0, 100).items.filter((i) => i.status !== 'verified')).toEqual([]);
    expect(await treeHashes(path.join(server.userDir, 'r'))).toEqual(await treeHashes(src));
  });
});
