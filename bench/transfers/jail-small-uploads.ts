/**
 * Dev tool: 1,000 small-file uploads (4 KB, into a sub-folder, 4 connections)
 * to the embedded FTPS endpoint, then the same file-system calls on the jail
 * alone, to show what the jail's per-command checks cost. Prints files/s per
 * round and the medians; asserts nothing.
 *
 *   tsx bench/transfers/jail-small-uploads.ts [count] [rounds] [--baseline=<dir>]
 *
 * `--baseline=<dir>` names a folder holding another `jailed-fs.ts` (with the
 * `file-system.ts` it imports), e.g. an older version taken with `git show`;
 * rounds then alternate between it and the current jail in the same process,
 * so a shared machine's swinging load hits both alike.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { FtpsFileSystem } from '../../server/ftps/file-system';
import { JailedFileSystem } from '../../server/ftps/jailed-fs';
import { startEmbedded } from '../../tests/transfers/helpers/embedded';
import { makeEngine, tempDir } from '../../tests/transfers/helpers/engine';
import { writeRandomFile } from '../../tests/transfers/helpers/files';

type FsFactory = (userRoot: string) => FtpsFileSystem;

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const count = Number(positional[0] ?? 1000);
const rounds = Number(positional[1] ?? 3);
const baselineDir = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);

const variants: { name: string; make: FsFactory }[] = [{ name: 'current', make: (root) => new JailedFileSystem(root) }];
if (baselineDir) {
  const mod = (await import(path.resolve(baselineDir, 'jailed-fs.ts'))) as { JailedFileSystem: new (root: string) => FtpsFileSystem };
  variants.unshift({ name: 'baseline', make: (root) => new mod.JailedFileSystem(root) });
}

const work = await tempDir('portico-jail-bench-');
const src = path.join(work, 'small');
for (let i = 0; i < count; i++) await writeRandomFile(path.join(src, `f${i}.bin`), 4096);

const results = new Map<string, number[]>(variants.map((v) => [v.name, []]));
for (let round = 0; round < rounds; round++) {
  // Alternate who goes first: the second run of a round tends to differ.
  for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
    const server = await startEmbedded({ fileSystemFor: (root) => variant.make(root) });
    const engine = makeEngine(path.join(work, `data-${variant.name}-${round}`), { connections: 4 });
    engine.setCredentials(server.credentials());
    const t = performance.now();
    await engine.enqueueUpload({ localPaths: [src], remoteDir: '/' });
    await engine.whenIdle();
    const s = (performance.now() - t) / 1000;
    const failed = engine.page(0, count + 10).items.filter((i) => i.status === 'failed').length;
    await engine.close();
    await server.close();
    results.get(variant.name)!.push(count / s);
    console.log(`round ${round + 1} ${variant.name.padEnd(8)} ${count} files in ${s.toFixed(2)} s = ${(count / s).toFixed(0)} files/s, failed ${failed}`);
  }
}
/**
 * The jail alone, without TLS or the network: what a small upload asks of
 * the file system (STOR into a sub-folder, RNFR's stat, RNTO), per variant.
 */
const direct = new Map<string, number[]>(variants.map((v) => [v.name, []]));
const payload = Buffer.alloc(4096, 7);
for (let round = 0; round < rounds; round++) {
  for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
    const root = path.join(work, `direct-${variant.name}-${round}`);
    await fsp.mkdir(path.join(root, 'small'), { recursive: true });
    const jail = variant.make(root);
    const t = performance.now();
    for (let i = 0; i < count; i++) {
      const sink = await jail.openWrite(`/small/f${i}.bin.portico-part`, {});
      await new Promise<void>((resolve, reject) => sink.once('error', reject).end(payload, () => resolve()));
      await jail.stat(`/small/f${i}.bin.portico-part`);
      await jail.rename(`/small/f${i}.bin.portico-part`, `/small/f${i}.bin`);
    }
    const s = (performance.now() - t) / 1000;
    direct.get(variant.name)!.push(count / s);
    console.log(`round ${round + 1} ${variant.name.padEnd(8)} jail only: ${(count / s).toFixed(0)} files/s (${((s * 1e6) / count).toFixed(0)} µs/file)`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, rates] of results) console.log(`median ${name.padEnd(8)} ${median(rates).toFixed(0)} files/s over FTPS`);
for (const [name, rates] of direct) console.log(`median ${name.padEnd(8)} ${median(rates).toFixed(0)} files/s jail only`);
await fsp.rm(work, { recursive: true, force: true });
