/**
 * The reference app host: real sessions on this machine for development,
 * the demo and the tests. One TigerVNC `Xvnc` per session, on a display of
 * its own (X cookie required, no TCP), its RFB port on loopback only with a
 * random VNC password that only the gateway knows, and no clipboard in
 * either direction. Real programs stand in for the catalogue's apps, each
 * started in the user's own folder (the one the FTPS jail serves).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../config';
import { vncPasswordFile } from './vnc-auth';

/** Where a gateway connects for one session, and the VNC password (null: none). */
export interface SessionTarget {
  host: string;
  port: number;
  password: string | null;
}

/** One running session of the reference host. */
export interface HostedSession {
  target: SessionTarget;
  /** Process id of the session's Xvnc. */
  pid: number;
  /** Settles when the Xvnc exits, for whatever reason. */
  exited: Promise<void>;
  /** Ends the session: its programs and its Xvnc. */
  close(): Promise<void>;
}

const PROGRAMS = ['Xvnc', 'openbox', 'pcmanfm', 'xarchiver', 'xterm'] as const;

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

/** Whether every program the reference host runs is installed. */
export function referenceHostInstalled(): boolean {
  return PROGRAMS.every((name) => onPath(name) !== null);
}

/** The programs standing in for a catalogue app (the desktop gets all of them). */
export function programsFor(app: Pick<AppConfig, 'id' | 'kind' | 'name'>, folder: string): string[][] {
  const terminal = ['xterm', '-title', app.name, '-geometry', '100x30+40+40'];
  if (app.kind === 'desktop') {
    return [['pcmanfm', folder], ['xarchiver'], ['xterm', '-title', 'Terminal', '-geometry', '90x24+120+120']];
  }
  if (app.id === 'windows-explorer') return [['pcmanfm', folder]];
  if (app.id === '7zip') return [['xarchiver']];
  return [terminal];
}

/** A free loopback port (the OS picks it; Xvnc binds it right after). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** An Xauthority entry for any display (FamilyWild) with one MIT cookie. */
function xauthority(cookie: Buffer): Buffer {
  const field = (data: Buffer): Buffer => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(data.length);
    return Buffer.concat([length, data]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xff]),
    field(Buffer.alloc(0)),
    field(Buffer.alloc(0)),
    field(Buffer.from('MIT-MAGIC-COOKIE-1')),
    field(cookie),
  ]);
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts and tracks reference sessions. */
export class ReferenceHost {
  private readonly live = new Set<HostedSession>();

  /** Sessions running now. */
  get count(): number {
    return this.live.size;
  }

  /** Starts a session for `app` in `folder` (created if missing). */
  async start(app: Pick<AppConfig, 'id' | 'kind' | 'name'>, folder: string, size = { width: 1280, height: 800 }): Promise<HostedSession> {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const home = mkdtempSync(path.join(tmpdir(), 'portico-light-'));
    const password = randomBytes(6).toString('base64url').slice(0, 8);
    const passwordFile = path.join(home, 'vncpasswd');
    writeFileSync(passwordFile, vncPasswordFile(password), { mode: 0o600 });
    const authFile = path.join(home, 'Xauthority');
    writeFileSync(authFile, xauthority(randomBytes(16)), { mode: 0o600 });
    const port = await freePort();
    const xvnc = spawn(
      'Xvnc',
      [
        '-displayfd', '3',
        '-auth', authFile,
        '-nolisten', 'tcp',
        '-rfbport', String(port),
        '-interface', '127.0.0.1',
        '-localhost',
        '-SecurityTypes', 'VncAuth',
        '-rfbauth', passwordFile,
        '-geometry', `${size.width}x${size.height}`,
        '-depth', '24',
        '-AcceptCutText=0', '-SendCutText=0', '-SetPrimary=0', '-SendPrimary=0',
        '-NeverShared', '-DisconnectClients=0',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] },
    );
    const xvncExited = exitOf(xvnc);
    const removeHome = (): void => rmSync(home, { recursive: true, force: true });
    let display: string;
    try {
      display = await new Promise<string>((resolve, reject) => {
        let text = '';
        const pipe = xvnc.stdio[3] as NodeJS.ReadableStream;
        pipe.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('\n')) resolve(text.trim());
        });
        xvnc.once('error', reject);
        void xvncExited.then(() => reject(new Error('Xvnc exited before it was ready')));
      });
    } catch (error) {
      xvnc.kill('SIGKILL');
      await xvncExited;
      removeHome();
      throw error;
    }
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      DISPLAY: `:${display}`,
      XAUTHORITY: authFile,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_RUNTIME_DIR: home,
      LANG: 'C.UTF-8',
      NO_AT_BRIDGE: '1',
    };
    const programs: ChildProcess[] = [];
    for (const argv of [['openbox'], ...programsFor(app, folder)]) {
      const child = spawn(argv[0]!, argv.slice(1), { cwd: folder, env, stdio: 'ignore' });
      child.on('error', () => {});
      programs.push(child);
    }
    let closing: Promise<void> | null = null;
    const session: HostedSession = {
      target: { host: '127.0.0.1', port, password },
      pid: xvnc.pid!,
      exited: xvncExited,
      close: () => {
        closing ??= (async () => {
          for (const child of programs) child.kill('SIGTERM');
          xvnc.kill('SIGTERM');
          const timer = setTimeout(() => {
            for (const child of [...programs, xvnc]) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          }, 3000);
          await Promise.all([xvncExited, ...programs.map(exitOf)]);
          clearTimeout(timer);
          removeHome();
          this.live.delete(session);
        })();
        return closing;
      },
    };
    this.live.add(session);
    // A session whose Xvnc died takes its programs with it.
    void xvncExited.then(() => session.close());
    return session;
  }

  /** Ends every session (portal shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.live].map((session) => session.close()));
  }
}
