/**
 * Every RDP file Portico writes must parse with FreeRDP: `xfreerdp <file>
 * +auth-only /p:x` has to get as far as connecting (a connect error), never
 * stop at a parse error. Each file points at its own listener on 127.0.0.1
 * that closes every connection, so the error comes fast and never from the
 * outside network, and the listener proves FreeRDP read the address.
 *
 * Needs Debian `freerdp2-x11` and, without a DISPLAY, `xvfb` and `xauth` (xvfb-run):
 * xfreerdp opens the display even with +auth-only.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rdpDescriptorSchema, type RdpDescriptor } from '../../../../common/api';
import { writeRdpFile } from '../../../../main/services/launcher/rdp-writer';
import { Launcher } from '../../../../server/apps/launch';
import type { UserRecord } from '../../../../server/auth/users';
import { systemClock } from '../../../../server/clock';
import { resolveConfig } from '../../../../server/config';
import type { Db } from '../../../../server/db';

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

const xfreerdp = onPath('xfreerdp');
const xvfbRun = process.env.DISPLAY ? null : onPath('xvfb-run');
const missing = !xfreerdp
  ? 'xfreerdp (apt-get install freerdp2-x11)'
  : !process.env.DISPLAY && (!xvfbRun || !onPath('xauth'))
    ? 'xvfb-run (apt-get install xvfb xauth)'
    : null;
if (missing)
  console.log(
    `SKIP rdp-freerdp.test: ${missing} is not installed, so RDP files are not checked with FreeRDP.`,
  );

/** The RDP descriptors the reference portal hands out for its catalogue (its own code, no database). */
async function portalDescriptors(): Promise<RdpDescriptor[]> {
  const config = resolveConfig();
  const db = { query: async () => ({ rows: [] }) } as unknown as Db;
  const launcher = new Launcher(db, systemClock, config, () => 'http://127.0.0.1:1');
  const user = { id: 'u1', username: 'demo' } as UserRecord;
  const out: RdpDescriptor[] = [];
  for (const app of config.apps.filter((a) => a.methods.includes('rdp'))) {
    // Parsed as the client parses it: unknown fields (the logon ticket) are dropped.
    out.push(rdpDescriptorSchema.parse(await launcher.launch(user, app, 'rdp')));
  }
  return out;
}

interface Run {
  code: number | null;
  output: string;
  connections: number;
}

/** Writes each file with its own closing listener and runs xfreerdp on all of them (one X server). */
async function runFreeRdp(descriptors: RdpDescriptor[]): Promise<Run[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'portico-rdp-'));
  const servers: Server[] = [];
  const counts: number[] = [];
  try {
    const files: string[] = [];
    for (const [index, descriptor] of descriptors.entries()) {
      counts.push(0);
      const server = createServer((socket) => {
        counts[index]! += 1;
        socket.destroy();
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const file = path.join(dir, `file-${index}.rdp`);
      writeFileSync(file, writeRdpFile({ ...descriptor, address: `127.0.0.1:${port}` }), { mode: 0o600 });
      files.push(file);
    }
    const loop = `for f do "${xfreerdp!}" "$f" +auth-only /p:x >"$f.log" 2>&1; echo $? >"$f.rc"; done`;
    const [command, args] = xvfbRun
      ? [xvfbRun, ['-a', 'sh', '-c', loop, 'sh', ...files]]
      : ['sh', ['-c', loop, 'sh', ...files]];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command, args as string[], { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', () => resolve());
    });
    return files.map((file, index) => ({
      code: Number(readFileSync(`${file}.rc`, 'utf8').trim()),
      output: readFileSync(`${file}.log`, 'utf8'),
      connections: counts[index]!,
    }));
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(missing !== null)('RDP files parse with FreeRDP', () => {
  let cases: Array<{ label: string; descriptor: RdpDescriptor }> = [];
  let runs: Run[] = [];

  beforeAll(async () => {
    const portal = await portalDescriptors();
    const base = portal.find((d) => d.remoteProgram !== undefined)!;
    const { remoteProgram: _none, ...desktop } = base;
    cases = [
      ...portal.map((descriptor) => ({ label: `${descriptor.title} from the portal`, descriptor })),
      {
        label: 'RemoteApp with clipboard and drives',
        descriptor: { ...base, allowClipboard: true, allowDrives: true },
      },
      {
        label: 'desktop with clipboard and drives',
        descriptor: { ...desktop, allowClipboard: true, allowDrives: true },
      },
      {
        label: 'non-ASCII title, program and user',
        descriptor: {
          ...base,
          title: 'Éclipse 管理 : admin',
          remoteProgram: '||Éclipse:s:x',
          username: "jürgen.o'brien",
        },
      },
      { label: 'empty username', descriptor: { ...desktop, username: '' } },
    ];
    runs = await runFreeRdp(cases.map((c) => c.descriptor));
  }, 120_000);

  it('covers the RemoteApps and the full desktop the catalogue offers over RDP', () => {
    const titles = cases.filter((c) => c.label.endsWith('from the portal')).map((c) => c.descriptor);
    expect(titles.some((d) => d.remoteProgram === undefined)).toBe(true);
    expect(titles.some((d) => d.remoteProgram !== undefined)).toBe(true);
  });

  it('reaches a connect error for every file, never a parse error', () => {
    for (const [index, run] of runs.entries()) {
      const label = cases[index]!.label;
      expect(run.output, label).toMatch(/ERRCONNECT_[A-Z_]+/);
      expect(run.output, label).not.toMatch(/failed to parse|server hostname was not specified|Usage:/i);
      expect(run.connections, `${label}: FreeRDP connected to the file's address`).toBeGreaterThan(0);
      expect(run.code, label).not.toBe(0);
    }
  });
});
