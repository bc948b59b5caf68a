/**
 * The engine against Debian's vsftpd with `require_ssl_reuse=YES`, on TLS
 * 1.2 and TLS 1.3: trees up and down byte for byte, 200 jobs with no
 * "still running" errors, kill-and-resume at 10/50/90 %.
 */
import { promises as fsp, statSync } from 'node:fs';
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
      expect(await treeHashes(path.join(server.root, 'pub', tlsVersion, 'src'))).toEqual(
        await treeHashes(src),
      );
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
      expect(await treeHashes(path.join(server.root, 'pub', `${tlsVersion}-many`, 'many'))).toEqual(
        await treeHashes(src),
      );
    } finally {
      await engine.close();
    }
  });
});

describe('vsftpd kill-and-resume', () => {
  // The server is throttled, so at the kill the transfer has provably not
  // finished: the rest of the file takes ≥ 300 ms to move, far longer than the
  // gap between noticing the fraction and the kill, even on a loaded machine.
  // Progress is read where the bytes really are: the server's file for an
  // upload (the client's count runs ahead by what the socket buffers hold),
  // the client's count for a download (the client reads at full speed).
  // Each fraction has its own throttled server (a kill takes down every
  // session of a server), so the three run side by side: the time is spent
  // waiting on the throttle, not on the CPU.
  const RATE = 2 * 1024 * 1024;
  const SIZE = 6 * 1024 * 1024;

  it.for([0.1, 0.5, 0.9])(
    'resumes an interrupted upload and download at %s',
    { concurrent: true, timeout: 120_000 },
    async (fraction, { expect }) => {
      const throttled = await startVsftpd({ maxRate: RATE });
      const dir = path.join(work, `kill-${fraction}`);
      const src = path.join(dir, 'big.bin');
      await writeRandomFile(src, SIZE);
      const engine = makeEngine(path.join(dir, 'data'), { connections: 1 });
      const onServer = path.join(throttled.root, 'pub', `kill-${fraction}`, 'big.bin');
      // An upload is written to its part (a random name kept on the item) and renamed when complete.
      const serverBytes = (): number => {
        const partName = engine.page(0, 10).items.find((i) => i.direction === 'upload')?.partName;
        for (const file of [...(partName ? [path.join(path.dirname(onServer), partName)] : []), onServer]) {
          try {
            return statSync(file).size;
          } catch {
            // not there (yet, or any more)
          }
        }
        return 0;
      };
      try {
        engine.setCredentials(throttled.credentials());
        for (const direction of ['upload', 'download'] as const) {
          if (direction === 'upload')
            await engine.enqueueUpload({ localPaths: [src], remoteDir: `/pub/kill-${fraction}` });
          else
            await engine.enqueueDownload({
              remotePaths: [`/pub/kill-${fraction}/big.bin`],
              localDir: path.join(dir, 'back'),
            });
          const item = () => engine.page(0, 10).items.find((i) => i.direction === direction)!;
          const progress = direction === 'upload' ? serverBytes : () => item().transferred;
          await until(() => item().status === 'running' && progress() >= SIZE * fraction);
          throttled.killSessions();
          // The kill landed mid-transfer: the bytes were not all there yet.
          expect(progress()).toBeLessThan(SIZE);
          await engine.whenIdle();
          expect(item()).toMatchObject({ status: 'done' });
          expect(item().attempts).toBeGreaterThanOrEqual(1);
        }
        expect(await sha256File(onServer)).toBe(await sha256File(src));
        expect(await sha256File(path.join(dir, 'back', 'big.bin'))).toBe(await sha256File(src));
        // No part is left beside the file.
        expect(await fsp.readdir(path.join(dir, 'back'))).toEqual(['big.bin']);
      } finally {
        await engine.close();
        await throttled.close();
      }
    },
  );
});
