/**
 * Dev tool: one big file up and down against vsftpd (TLS, require_ssl_reuse)
 * with the client's CPU time, next to curl, for finding where big transfers
 * spend their time (run with `node --import tsx --cpu-prof ...`).
 *
 *   tsx bench/transfers/profile-big.ts [MB]
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeEngine, tempDir } from '../../tests/transfers/helpers/engine';
import { writeRandomFile } from '../../tests/transfers/helpers/files';
import { startVsftpd } from '../../tests/transfers/helpers/vsftpd';

const run = promisify(execFile);
const mb = Number(process.argv[2] ?? 200);
const work = await tempDir('portico-profbig-');
const src = path.join(work, 'big.bin');
await writeRandomFile(src, mb * 1024 * 1024);
const server = await startVsftpd();
const curl = ['-sS', '--ssl-reqd', '-k', '-u', 'anonymous:', '--ftp-create-dirs'];
try {
  for (const dir of ['up', 'down'] as const) {
    const engine = makeEngine(path.join(work, `data-${dir}`), { connections: 1 });
    engine.setCredentials(server.credentials());
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    if (dir === 'up') await engine.enqueueUpload({ localPaths: [src], remoteDir: '/pub/p' });
    else await engine.enqueueDownload({ remotePaths: ['/pub/p/big.bin'], localDir: path.join(work, 'back') });
    await engine.whenIdle();
    const s = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const status = engine.page(0, 1).items[0]?.status;
    await engine.close();
    const c = performance.now();
    if (dir === 'up') await run('curl', [...curl, '-T', src, `ftp://127.0.0.1:${server.port}/pub/c/big.bin`]);
    else await run('curl', [...curl, '-o', path.join(work, 'curl.bin'), `ftp://127.0.0.1:${server.port}/pub/c/big.bin`]);
    const cs = (performance.now() - c) / 1000;
    console.log(`${dir}: Portico ${(mb / s).toFixed(0)} MB/s (${status}, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s) | curl ${(mb / cs).toFixed(0)} MB/s`);
  }
} finally {
  await server.close();
  await (await import('node:fs')).promises.rm(work, { recursive: true, force: true });
}
