/**
 * `npm run bench:transfers` (tsx bench/transfers/run.ts [--quick]): measures
 * Portico's transfer engine side by side with curl and lftp against vsftpd
 * (TLS, require_ssl_reuse) on loopback, the embedded endpoint's small-file
 * rate, and the memory of a 100,000-item queue. Prints numbers; asserts nothing.
 */
import { execFile, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { TransferCredentials } from '../../main/services/transfers/types';
import { makeEngine, tempDir } from '../../tests/transfers/helpers/engine';
import { writeRandomFile, listFiles } from '../../tests/transfers/helpers/files';
import { startVsftpd, type Vsftpd } from '../../tests/transfers/helpers/vsftpd';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const BIG_MB = quick ? 100 : 500;
const SMALL_COUNT = quick ? 300 : 1000;
const ROUNDS = quick ? 1 : 3;
const rows: [string, string, string, string][] = [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

async function portico(creds: TransferCredentials, dataDir: string, fn: (e: ReturnType<typeof makeEngine>) => Promise<unknown>, connections = 4) {
  const engine = makeEngine(dataDir, { connections, retryDelaysMs: [2000, 4000, 8000] });
  engine.setCredentials(creds);
  try {
    const s = await seconds(async () => {
      await fn(engine);
      await engine.whenIdle();
    });
    const failed = engine.page(0, 100_000).items.filter((i) => i.status === 'failed').length;
    return { s, failed };
  } finally {
    await engine.close();
  }
}

function curlBase(server: Vsftpd): string[] {
  return ['-sS', '--ssl-reqd', '-k', '-u', 'anonymous:', '--ftp-create-dirs'];
  void server;
}

async function bigFile(server: Vsftpd, work: string): Promise<void> {
  const src = path.join(work, 'big.bin');
  await writeRandomFile(src, BIG_MB * 1024 * 1024);
  const up: number[] = [], down: number[] = [], cUp: number[] = [], cDown: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    up.push((await portico(server.credentials(), path.join(work, `d-up${r}`), (e) => e.enqueueUpload({ localPaths: [src], remoteDir: `/pub/p${r}` }), 1)).s);
    down.push((await portico(server.credentials(), path.join(work, `d-dn${r}`), (e) => e.enqueueDownload({ remotePaths: [`/pub/p${r}/big.bin`], localDir: path.join(work, `pdown${r}`) }), 1)).s);
    cUp.push(await seconds(() => run('curl', [...curlBase(server), '-T', src, `ftp://127.0.0.1:${server.port}/pub/c${r}/big.bin`])));
    cDown.push(await seconds(() => run('curl', [...curlBase(server), '-o', path.join(work, `cdown${r}.bin`), `ftp://127.0.0.1:${server.port}/pub/c${r}/big.bin`])));
    await fsp.rm(path.join(work, `pdown${r}`), { recursive: true, force: true });
    await fsp.rm(path.join(work, `cdown${r}.bin`), { force: true });
  }
  const mbps = (s: number) => (BIG_MB / s).toFixed(0);
  rows.push([`${BIG_MB} MB up (MB/s, median of ${ROUNDS})`, mbps(median(up)), `curl ${mbps(median(cUp))}`, (median(cUp) / median(up)).toFixed(2) + '×']);
  rows.push([`${BIG_MB} MB down (MB/s, median of ${ROUNDS})`, mbps(median(down)), `curl ${mbps(median(cDown))}`, (median(cDown) / median(down)).toFixed(2) + '×']);
}

async function smallFiles(server: Vsftpd, work: string): Promise<void> {
  const src = path.join(work, 'small');
  for (let i = 0; i < SMALL_COUNT; i++) await writeRandomFile(path.join(src, `f${String(i).padStart(4, '0')}.bin`), 4096);
  const names = (await fsp.readdir(src)).sort();
  const p = await portico(server.credentials(), path.join(work, 's-up'), (e) => e.enqueueUpload({ localPaths: [src], remoteDir: '/pub/ps' }));
  const pd = await portico(server.credentials(), path.join(work, 's-dn'), (e) => e.enqueueDownload({ remotePaths: ['/pub/ps/small'], localDir: path.join(work, 'ps-down') }));
  const lftpCmd = (cmd: string) =>
    run('lftp', ['-c', `set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; set net:max-retries 1; open -u anonymous, ftp://127.0.0.1:${server.port}; ${cmd}`]).catch(() => undefined);
  const lUp = await seconds(() => lftpCmd(`mirror -R --parallel=4 ${src} /pub/ls`));
  const lUpOk = (await listFiles(path.join(server.root, 'pub', 'ls'))).length;
  const lDown = await seconds(() => lftpCmd(`mirror --parallel=4 /pub/ls ${path.join(work, 'ls-down')}`));
  const lDownOk = (await listFiles(path.join(work, 'ls-down'))).length;
  const cUp = await seconds(() => run('curl', [...curlBase(server), '-T', `{${names.map((n) => path.join(src, n)).join(',')}}`, `ftp://127.0.0.1:${server.port}/pub/cs/`], { maxBuffer: 1 << 24 }).catch(() => undefined));
  const cUpOk = (await listFiles(path.join(server.root, 'pub', 'cs'))).length;
  await fsp.mkdir(path.join(work, 'cs-down'));
  const cDown = await seconds(() => run('curl', [...curlBase(server), '-o', path.join(work, 'cs-down', '#1'), `ftp://127.0.0.1:${server.port}/pub/ps/small/{${names.join(',')}}`], { maxBuffer: 1 << 24 }).catch(() => undefined));
  const cDownOk = (await listFiles(path.join(work, 'cs-down'))).length;
  const rate = (s: number) => (SMALL_COUNT / s).toFixed(0);
  const best = (a: number, b: number) => Math.min(a, b);
  rows.push([`${SMALL_COUNT} × 4 KB up (files/s; failed)`, `${rate(p.s)}; ${p.failed}`, `lftp ${rate(lUp)}; ${SMALL_COUNT - lUpOk} | curl ${rate(cUp)}; ${SMALL_COUNT - cUpOk}`, (best(lUp, cUp) / p.s).toFixed(2) + '×']);
  rows.push([`${SMALL_COUNT} × 4 KB down (files/s; failed)`, `${rate(pd.s)}; ${pd.failed}`, `lftp ${rate(lDown)}; ${SMALL_COUNT - lDownOk} | curl ${rate(cDown)}; ${SMALL_COUNT - cDownOk}`, (best(lDown, cDown) / pd.s).toFixed(2) + '×']);
}

async function embedded(work: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'embedded-child.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { credentials } = JSON.parse(line) as { credentials: TransferCredentials };
  try {
    const src = path.join(work, 'small');
    const p = await portico(credentials, path.join(work, 'e-up'), (e) => e.enqueueUpload({ localPaths: [src], remoteDir: '/' }));
    const pd = await portico(credentials, path.join(work, 'e-dn'), (e) => e.enqueueDownload({ remotePaths: ['/small'], localDir: path.join(work, 'e-down') }));
    rows.push([`embedded endpoint ${SMALL_COUNT} × 4 KB up, 4 conns (files/s; failed; verified)`, `${(SMALL_COUNT / p.s).toFixed(0)}; ${p.failed}`, '', '']);
    rows.push([`embedded endpoint ${SMALL_COUNT} × 4 KB down, 4 conns (files/s; failed; verified)`, `${(SMALL_COUNT / pd.s).toFixed(0)}; ${pd.failed}`, '', '']);
  } finally {
    child.kill('SIGTERM');
  }
}

async function queueMemory(work: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const engine = makeEngine(path.join(work, 'q'));
  engine.pause();
  const specs = Array.from({ length: 100_000 }, (_, i) => ({ localPath: path.join(work, 'src', `dir${i % 100}`, `file-${i}.dat`), remotePath: `/upload/dir${i % 100}/file-${i}.dat`, size: 4096 }));
  const t = await seconds(async () => engine.enqueue('upload', '/', specs, 'ask'));
  specs.length = 0;
  gc?.();
  const after = process.memoryUsage();
  const page = await seconds(async () => engine.page(99_000, 50));
  await engine.close();
  rows.push(['queue of 100,000 items: heap / RSS growth (MB)', `${((after.heapUsed - before.heapUsed) / 1e6).toFixed(0)} / ${((after.rss - before.rss) / 1e6).toFixed(0)}`, `enqueue ${t.toFixed(2)} s, page@99k ${(page * 1000).toFixed(1)} ms`, gc ? '' : '(no --expose-gc)']);
}

const work = await tempDir('portico-bench-');
const server = await startVsftpd({ maxClients: 100 });
try {
  console.log(`Portico transfers bench${quick ? ' (--quick)' : ''}: vsftpd TLS require_ssl_reuse on 127.0.0.1:${server.port}`);
  await bigFile(server, work);
  await smallFiles(server, work);
  await embedded(work);
  await queueMemory(work);
} finally {
  await server.close();
  await fsp.rm(work, { recursive: true, force: true });
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...[['measure', 'Portico', 'others', 'Portico vs best'], ...rows].map((r) => r[c]!.length)));
for (const row of [['measure', 'Portico', 'others', 'Portico vs best'] as const, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  |  '));
