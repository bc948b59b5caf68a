/**
 * `npm run bench:transfers` (tsx bench/transfers/run.ts [--quick] [--only=big,small,embedded,queue]): measures
 * Portico's transfer engine side by side with curl and lftp against vsftpd
 * (TLS, require_ssl_reuse) on loopback, the embedded endpoint's small-file
 * rate, and the memory of a 100,000-item queue. Prints numbers; asserts nothing.
 *
 * The build machines are shared and their load swings by the minute, so the
 * tools take turns inside every round (Portico, lftp, curl, then the next
 * round) and the table shows medians over the rounds; a ratio is the ratio
 * of medians.
 */
import { execFile, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { TransferCredentials } from '../../main/services/transfers/engine/types';
import { makeEngine, tempDir } from '../../tests/transfers/helpers/engine';
import { writeRandomFile, listFiles } from '../../tests/transfers/helpers/files';
import { startVsftpd, type Vsftpd } from '../../tests/transfers/helpers/vsftpd';
import { stagingSpeeds } from './staging';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
/** `--only=big,small,embedded,queue,staging` runs just those parts (default: all). */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const part = (name: string) => !only || only.includes(name);
const BIG_MB = quick ? 100 : 500;
const SMALL_COUNT = quick ? 300 : 1000;
const ROUNDS = 3;
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

async function smallFiles(server: Vsftpd, work: string, measure: boolean): Promise<void> {
  const src = path.join(work, 'small');
  for (let i = 0; i < SMALL_COUNT; i++) await writeRandomFile(path.join(src, `f${String(i).padStart(4, '0')}.bin`), 4096);
  if (!measure) return;
  const names = (await fsp.readdir(src)).sort();
  const lftpCmd = (cmd: string) =>
    run('lftp', ['-c', `set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; set net:max-retries 1; open -u anonymous, ftp://127.0.0.1:${server.port}; ${cmd}`]).catch(() => undefined);
  const m = { pUp: [] as number[], pDown: [] as number[], lUp: [] as number[], lDown: [] as number[], cUp: [] as number[], cDown: [] as number[] };
  const failed = { pUp: 0, pDown: 0, lUp: 0, lDown: 0, cUp: 0, cDown: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    const p = await portico(server.credentials(), path.join(work, `s-up${r}`), (e) => e.enqueueUpload({ localPaths: [src], remoteDir: `/pub/ps${r}` }));
    m.pUp.push(p.s);
    failed.pUp += p.failed;
    m.lUp.push(await seconds(() => lftpCmd(`mirror -R --parallel=4 ${src} /pub/ls${r}`)));
    failed.lUp += SMALL_COUNT - (await listFiles(path.join(server.root, 'pub', `ls${r}`))).length;
    // curl sends one file after another on one connection and is far slower;
    // in --quick it runs in the first round only.
    if (!quick || r === 0) {
      m.cUp.push(await seconds(() => run('curl', [...curlBase(server), '-T', `{${names.map((n) => path.join(src, n)).join(',')}}`, `ftp://127.0.0.1:${server.port}/pub/cs${r}/`], { maxBuffer: 1 << 24 }).catch(() => undefined)));
      failed.cUp += SMALL_COUNT - (await listFiles(path.join(server.root, 'pub', `cs${r}`))).length;
    }
    const pd = await portico(server.credentials(), path.join(work, `s-dn${r}`), (e) => e.enqueueDownload({ remotePaths: [`/pub/ps${r}/small`], localDir: path.join(work, `ps-down${r}`) }));
    m.pDown.push(pd.s);
    failed.pDown += pd.failed;
    m.lDown.push(await seconds(() => lftpCmd(`mirror --parallel=4 /pub/ps${r}/small ${path.join(work, `ls-down${r}`)}`)));
    failed.lDown += SMALL_COUNT - (await listFiles(path.join(work, `ls-down${r}`))).length;
    if (!quick || r === 0) {
      await fsp.mkdir(path.join(work, `cs-down${r}`));
      m.cDown.push(await seconds(() => run('curl', [...curlBase(server), '-o', path.join(work, `cs-down${r}`, '#1'), `ftp://127.0.0.1:${server.port}/pub/ps${r}/small/{${names.join(',')}}`], { maxBuffer: 1 << 24 }).catch(() => undefined)));
      failed.cDown += SMALL_COUNT - (await listFiles(path.join(work, `cs-down${r}`))).length;
    }
  }
  const rate = (xs: number[]) => (SMALL_COUNT / median(xs)).toFixed(0);
  const best = (a: number[], b: number[]) => Math.min(median(a), median(b));
  const n = (xs: number[]) => (xs.length === ROUNDS ? '' : ` (${xs.length} run)`);
  rows.push([`${SMALL_COUNT} × 4 KB up (files/s median of ${ROUNDS}; failed)`, `${rate(m.pUp)}; ${failed.pUp}`, `lftp ${rate(m.lUp)}; ${failed.lUp} | curl ${rate(m.cUp)}; ${failed.cUp}${n(m.cUp)}`, (best(m.lUp, m.cUp) / median(m.pUp)).toFixed(2) + '×']);
  rows.push([`${SMALL_COUNT} × 4 KB down (files/s median of ${ROUNDS}; failed)`, `${rate(m.pDown)}; ${failed.pDown}`, `lftp ${rate(m.lDown)}; ${failed.lDown} | curl ${rate(m.cDown)}; ${failed.cDown}${n(m.cDown)}`, (best(m.lDown, m.cDown) / median(m.pDown)).toFixed(2) + '×']);
}

async function embedded(work: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'embedded-child.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { credentials } = JSON.parse(line) as { credentials: TransferCredentials };
  try {
    const src = path.join(work, 'small');
    const up: number[] = [], down: number[] = [];
    let failed = 0, verified = 0;
    const count = (e: ReturnType<typeof makeEngine>) => {
      verified += e.page(0, 100_000).items.filter((i) => i.status === 'verified').length;
    };
    for (let r = 0; r < ROUNDS; r++) {
      const p = await portico(credentials, path.join(work, `e-up${r}`), async (e) => {
        await e.enqueueUpload({ localPaths: [src], remoteDir: `/e${r}` });
        await e.whenIdle();
        count(e);
      });
      const pd = await portico(credentials, path.join(work, `e-dn${r}`), async (e) => {
        await e.enqueueDownload({ remotePaths: [`/e${r}/small`], localDir: path.join(work, `e-down${r}`) });
        await e.whenIdle();
        count(e);
      });
      up.push(p.s);
      down.push(pd.s);
      failed += p.failed + pd.failed;
    }
    const rate = (xs: number[]) => (SMALL_COUNT / median(xs)).toFixed(0);
    rows.push([`embedded endpoint ${SMALL_COUNT} × 4 KB up, 4 conns (files/s median of ${ROUNDS})`, rate(up), `failed ${failed}, verified ${verified} of ${2 * ROUNDS * SMALL_COUNT} (up+down)`, '']);
    rows.push([`embedded endpoint ${SMALL_COUNT} × 4 KB down, 4 conns (files/s median of ${ROUNDS})`, rate(down), '', '']);
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
  if (part('big')) await bigFile(server, work);
  if (part('small') || part('embedded')) await smallFiles(server, work, part('small'));
  if (part('embedded')) await embedded(work);
  if (part('queue')) await queueMemory(work);
  if (part('staging')) {
    const mb = quick ? 100 : 200;
    const speeds = await stagingSpeeds(work, mb, ROUNDS);
    rows.push([`browser-host staging ${mb} MB, binary frames (MB/s, median of ${ROUNDS})`, median(speeds).toFixed(0), `rounds ${speeds.map((v) => v.toFixed(0)).join(', ')}; target ≥ 50`, '']);
  }
} finally {
  await server.close();
  await fsp.rm(work, { recursive: true, force: true });
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...[['measure', 'Portico', 'others', 'Portico vs best'], ...rows].map((r) => r[c]!.length)));
for (const row of [['measure', 'Portico', 'others', 'Portico vs best'] as const, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  |  '));
