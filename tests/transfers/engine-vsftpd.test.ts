/**
 * The engine against Debian's vsftpd with `require_ssl_reuse=YES`, on TLS
 * 1.2 and TLS 1.3: trees up and down byte for byte, 200 jobs with no
 * "still running" errors, kill-and-resume at 10/50/90 %.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEngine, tempDir, until } from './helpers/engine';
import { makeTree, sha256File, treeHashes, writeRandomFile } from './helpers/files';
import { startVsftpd, type Vsftpd } from './helpers/vsftpd';

let server: Vsftpd;
let work: string;

beforeAll(async () => {
  server = await startVsftpd();
  work = await tempDir();
});

afterAll(async () => {
  await server?.close();
  if (work) await fsp.rm(work, { recursive: true, force: true });
});

describe.each(['TLSv1.2', 'TLSv1.3'] as const)('vsftpd require_ssl_reuse over %s', (tlsVersion) => {
  it('uploads and downloads a tree byte for byte (TLS session reused on every data connection)', async () => {
    const src = path.join(work, tlsVersion, 'src');
    await makeTree(src);
    const engine = makeEngine(path.join(work, tlsVersion, 'data'), { maxTlsVersion: tlsVersion });
    try {
      engine.setCredentials(server.credentials());
      await engine.enqueueUpload({ localPaths: [src], remoteDir: `/pub/${tlsVersion}` });
      await engine.whenIdle();
      const up = engine.page(0, 100).items;
      expect(up.map((i) => i.error)).toEqual(up.map(() => undefined));
      // vsftpd cannot hash: size-checked "done", not "verified".
      expect(up.every((i) => i.status === 'done')).toBe(true);
      expect(await treeHashes(path.join(server.root, 'pub', tlsVersion, 'src'))).toEqual(await treeHashes(src));
      const dest = path.join(work, tlsVersion, 'dest');
      await engine.enqueueDownload({ remotePaths: [`/pub/${tlsVersion}/src`], localDir: dest });
      await engine.whenIdle();
      expect(engine.page(0, 100).items.every((i) => i.status === 'done')).toBe(true);
      expect(await treeHashes(path.join(dest, 'src'))).toEqual(await treeHashes(src));
    } finally {
      await engine.close();
    }
  });

  it('runs 200 queued jobs with no errors', async () => {
    const src = path.join(work, tlsVersion, 'many');
    for (let i = 0; i < 200; i++) await writeRandomFile(path.join(src, `f${i}`), 512 + i);
    const engine = makeEngine(path.join(work, tlsVersion, 'data200'), { maxTlsVersion: tlsVersion });
    try {
      engine.setCredentials(server.credentials());
      await engine.enqueueUpload({ localPaths: [src], remoteDir: `/pub/${tlsVersion}-many` });
      await engine.whenIdle();
      const items = engine.page(0, 1000).items;
      expect(items.filter((i) => i.status !== 'done').map((i) => i.error)).toEqual([]);
      expect(await treeHashes(path.join(server.root, 'pub', `${tlsVersion}-many`, 'many'))).toEqual(await treeHashes(src));
    } finally {
      await engine.close();
    }
  });
});

describe('vsftpd kill-and-resume', () => {
  it.each([0.1, 0.5, 0.9])('resumes an interrupted upload and download at %s', async (fraction) => {
    const size = 24 * 1024 * 1024;
    const dir = path.join(work, `kill-${fraction}`);
    const src = path.join(dir, 'big.bin');
    await writeRandomFile(src, size);
    const engine = makeEngine(path.join(dir, 'data'), { bytesPerSecondLimit: 16 * 1024 * 1024, connections: 1 });
    try {
      engine.setCredentials(server.credentials());
      for (const direction of ['upload', 'download'] as const) {
        if (direction === 'upload') await engine.enqueueUpload({ localPaths: [src], remoteDir: `/pub/kill-${fraction}` });
        else await engine.enqueueDownload({ remotePaths: [`/pub/kill-${fraction}/big.bin`], localDir: path.join(dir, 'back') });
        const item = () => engine.page(0, 10).items.find((i) => i.direction === direction)!;
        await until(() => item().status === 'running' && item().transferred >= size * fraction);
        server.killSessions();
        await engine.whenIdle();
        expect(item()).toMatchObject({ status: 'done' });
        expect(item().attempts).toBeGreaterThanOrEqual(1);
      }
      expect(await sha256File(path.join(server.root, 'pub', `kill-${fraction}`, 'big.bin'))).toBe(await sha256File(src));
      expect(await sha256File(path.join(dir, 'back', 'big.bin'))).toBe(await sha256File(src));
      await expect(fsp.stat(path.join(dir, 'back', 'big.bin.part'))).rejects.toThrow();
    } finally {
      await engine.close();
    }
  }, 120_000);
});
