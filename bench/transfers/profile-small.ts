/**
 * Dev tool: per-command timeline of small-file transfers on one connection
 * (tsx bench/transfers/profile-small.ts [vsftpd|embedded] [count]).
 */
import path from 'node:path';
import { FTPContext } from 'basic-ftp';
import { makeEngine, tempDir } from '../../tests/transfers/helpers/engine';
import { writeRandomFile } from '../../tests/transfers/helpers/files';
import { startVsftpd } from '../../tests/transfers/helpers/vsftpd';
import { startEmbedded } from '../../tests/transfers/helpers/embedded';

const target = process.argv[2] ?? 'vsftpd';
const count = Number(process.argv[3] ?? 40);
const conns = Number(process.argv[4] ?? 1);
const work = await tempDir('portico-prof-');
const src = path.join(work, 'small');
for (let i = 0; i < count; i++) await writeRandomFile(path.join(src, `f${i}.bin`), 4096);
const server = target === 'vsftpd' ? await startVsftpd() : await startEmbedded();
const remoteDir = target === 'vsftpd' ? '/pub' : '/';
const log: string[] = [];
let last = performance.now();
const stamp = (s: string) => {
  const now = performance.now();
  log.push(`${(now - last).toFixed(2).padStart(7)} ms  ${s}`);
  last = now;
};
const proto = FTPContext.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const send = proto.send!;
proto.send = function (this: unknown, cmd: unknown) {
  stamp(`> ${String(cmd).startsWith('PASS') ? 'PASS ***' : String(cmd)}`);
  return send.call(this, cmd);
};
const onData = proto._onControlSocketData!;
proto._onControlSocketData = function (this: unknown, chunk: unknown) {
  stamp(`< ${String(chunk).trim().replace(/\r?\n/g, ' | ')}`);
  return onData.call(this, chunk);
};
for (const dir of ['up', 'down'] as const) {
  const engine = makeEngine(path.join(work, `data-${dir}`), { connections: conns });
  engine.setCredentials(server.credentials());
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  if (dir === 'up') await engine.enqueueUpload({ localPaths: [src], remoteDir });
  else await engine.enqueueDownload({ remotePaths: [path.posix.join(remoteDir, 'small')], localDir: path.join(work, 'back') });
  await engine.whenIdle();
  const s = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const failed = engine.page(0, 100000).items.filter((i) => i.status === 'failed');
  await engine.close();
  stamp(`=== ${dir}: ${count} files in ${s.toFixed(2)} s = ${(count / s).toFixed(0)} files/s, client CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms/file, failed ${failed.length} ${failed[0]?.error?.message ?? ''}`);
}
await server.close();
if (process.argv.includes('--log')) console.log(log.join('\n'));
else console.log(log.filter((l) => l.includes('===')).join('\n'));
