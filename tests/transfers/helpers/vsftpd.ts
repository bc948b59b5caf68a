/**
 * Runs Debian's vsftpd on 127.0.0.1 for a test: explicit TLS required for
 * logins and data, `require_ssl_reuse=YES`, anonymous writable root (so no
 * system user or PAM setup is needed). Started as root (this sandbox and CI),
 * vsftpd chroots anonymous sessions into `anon_root` (owned by root, not
 * writable, as vsftpd demands) and writes as Debian's `ftp` user into its
 * writable `pub/` folder. Never use `run_as_launching_user=YES` here: it
 * disables the chroot and absolute paths then reach the real `/`.
 * vsftpd reports config errors on fd 0, so fd 0 is a log file we show when
 * it fails to start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fsp, openSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';
import { fingerprintOf } from '../../../server/ftps/certificate';
import type { TransferCredentials } from '../../../main/services/transfers/engine/types';
import { tempDir } from './engine';

export const VSFTPD = '/usr/sbin/vsftpd';

export interface Vsftpd {
  dir: string;
  /** The anonymous root (the client's "/"; writable only below `/pub`). */
  root: string;
  port: number;
  fingerprint256: string;
  credentials(): TransferCredentials;
  /** Kills every session process (not the listener): connections drop mid-transfer. */
  killSessions(): void;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * Starts a throwaway vsftpd (TLS, `require_ssl_reuse`) on loopback.
 * `maxRate` (bytes/s) throttles the server's side of every data connection:
 * tests that kill mid-transfer use it so the transfer is provably still
 * running when the kill lands, whatever the load on the machine.
 */
export async function startVsftpd(options: { maxClients?: number; maxRate?: number } = {}): Promise<Vsftpd> {
  if (!existsSync(VSFTPD)) throw new Error(`vsftpd is required for this test: install it (apt-get install vsftpd); ${VSFTPD} not found`);
  const dir = await tempDir('portico-vsftpd-');
  const root = path.join(dir, 'root');
  await fsp.mkdir(path.join(root, 'pub'), { recursive: true });
  await fsp.chmod(dir, 0o755);
  await fsp.chmod(root, 0o755);
  await fsp.chmod(path.join(root, 'pub'), 0o777);
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keyType: 'rsa', keySize: 2048, algorithm: 'sha256' });
  await fsp.writeFile(path.join(dir, 'cert.pem'), pems.cert);
  await fsp.writeFile(path.join(dir, 'key.pem'), pems.private, { mode: 0o600 });
  const port = await freePort();
  // A unique banner proves we talk to *this* vsftpd, not a leftover on a reused port.
  const banner = `portico-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const pasvMin = 20000 + Math.floor(Math.random() * 400) * 100;
  const conf = [
    'listen=YES', 'listen_address=127.0.0.1', `listen_port=${port}`, 'background=NO',
    'anonymous_enable=YES', 'local_enable=NO', `anon_root=${root}`, 'no_anon_password=YES', 'write_enable=YES',
    'anon_upload_enable=YES', 'anon_mkdir_write_enable=YES', 'anon_other_write_enable=YES', 'anon_world_readable_only=NO', 'anon_umask=022',
    'ssl_enable=YES', 'allow_anon_ssl=YES', 'force_anon_data_ssl=YES', 'force_anon_logins_ssl=YES', 'force_local_data_ssl=YES',
    'force_local_logins_ssl=YES', 'require_ssl_reuse=YES', `rsa_cert_file=${path.join(dir, 'cert.pem')}`,
    `rsa_private_key_file=${path.join(dir, 'key.pem')}`, 'pasv_enable=YES', `pasv_min_port=${pasvMin}`, `pasv_max_port=${pasvMin + 99}`,
    'pasv_address=127.0.0.1', 'seccomp_sandbox=NO', 'xferlog_enable=NO', `max_clients=${options.maxClients ?? 50}`, 'max_per_ip=0',
    `ftpd_banner=${banner}`, 'use_localtime=NO', 'mdtm_write=NO', 'idle_session_timeout=120', 'data_connection_timeout=60',
    ...(options.maxRate ? [`anon_max_rate=${options.maxRate}`] : []),
  ].join('\n');
  const confPath = path.join(dir, 'vsftpd.conf');
  await fsp.writeFile(confPath, conf + '\n', { mode: 0o600 });
  const logPath = path.join(dir, 'stdin.log');
  const logFd = openSync(logPath, 'w+');
  const child: ChildProcess = spawn(VSFTPD, [confPath], { stdio: [logFd, 'ignore', 'ignore'] });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port });
      let text = '';
      s.on('data', (d) => {
        text += d.toString();
        if (text.includes('\n')) {
          s.destroy();
          resolve(text.includes(banner));
        }
      });
      s.once('error', () => resolve(false));
      s.once('close', () => resolve(false));
    });
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`vsftpd did not start (exit ${child.exitCode}): ${readFileSync(logPath, 'utf8').trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const fingerprint256 = fingerprintOf(pems.cert);
  /** Every descendant of `pid`, read from /proc in-process (no child process in the kill window). */
  const descendants = (pid: number): number[] => {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      // Fields after the parenthesised command name: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    }
    const out: number[] = [];
    const walk = (parent: number): void => {
      for (const kid of children.get(parent) ?? []) {
        out.push(kid);
        walk(kid);
      }
    };
    walk(pid);
    return out;
  };
  return {
    dir,
    root,
    port,
    fingerprint256,
    credentials: () => ({
      host: '127.0.0.1', port, username: 'anonymous', token: 'portico-test', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), tls: { fingerprint256 },
    }),
    killSessions: () => {
      for (const pid of descendants(child.pid!)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
    close: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
