/**
 * Finds which native launch files this machine can open, so the launcher
 * asks the portal for one the user can actually use (a Windows user with
 * only mstsc gets RDP). Plain Node behind an injectable {@link ProbeSystem},
 * so every platform's rules are unit-tested on any machine.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ClientAvailability, NativeClients } from './launch-choice';

/** Tells the launcher what this machine can open; asked before each launch (a client may be installed meanwhile). */
export interface NativeClientProbe {
  detect(): Promise<NativeClients>;
}

/** What the probe may ask of the system. */
export interface ProbeSystem {
  platform: NodeJS.Platform;
  /** The PATH variable (Linux). */
  pathVariable: string;
  home: string;
  /** Whether a file exists (and, with `executable`, may be run). */
  exists(file: string, executable?: boolean): Promise<boolean>;
  /** Runs a program without a shell; `null` when it could not be started or timed out. */
  run(command: string, args: string[]): Promise<{ code: number; stdout: string } | null>;
}

/** Linux programs that open each file (Citrix Workspace's engine; FreeRDP and Remmina). */
const LINUX_PROGRAMS = {
  ica: ['wfica'],
  rdp: ['xfreerdp', 'xfreerdp3', 'wlfreerdp', 'sdl-freerdp', 'remmina'],
} as const;
/** Where Citrix Workspace for Linux installs wfica when it is not on PATH. */
const LINUX_WFICA = ['/opt/Citrix/ICAClient/wfica'];
const MIME_TYPES = { ica: 'application/x-ica', rdp: 'application/x-rdp' } as const;
/** macOS apps that open each file. */
const MAC_APPS = {
  ica: ['Citrix Workspace.app'],
  rdp: ['Microsoft Remote Desktop.app', 'Windows App.app'],
} as const;

type Kind = keyof NativeClients;

/** The probe over `system` (the real one by default). Never rejects: what it cannot tell is `unknown`. */
export function createNativeClientProbe(system: ProbeSystem = realProbeSystem()): NativeClientProbe {
  const detectOne = async (kind: Kind): Promise<ClientAvailability> => {
    try {
      if (system.platform === 'win32') return await windows(system, kind);
      if (system.platform === 'darwin') return await mac(system, kind);
      if (system.platform === 'linux') return await linux(system, kind);
    } catch {
      // A probe that fails says nothing; the OS still gets to try.
    }
    return 'unknown';
  };
  return {
    detect: async () => {
      const [ica, rdp] = await Promise.all([detectOne('ica'), detectOne('rdp')]);
      return { ica, rdp };
    },
  };
}

/** Windows: a handler is registered for the extension (HKCR merges the user's and the machine's classes). */
async function windows(system: ProbeSystem, kind: Kind): Promise<ClientAvailability> {
  const answer = await system.run('reg.exe', ['query', `HKCR\\.${kind}`, '/ve']);
  if (answer === null) return 'unknown';
  return answer.code === 0 ? 'yes' : 'no';
}

/** macOS: the client app is installed for everyone or for this user; otherwise `open` decides. */
async function mac(system: ProbeSystem, kind: Kind): Promise<ClientAvailability> {
  for (const app of MAC_APPS[kind]) {
    for (const folder of ['/Applications', path.join(system.home, 'Applications')]) {
      if (await system.exists(path.join(folder, app))) return 'yes';
    }
  }
  return 'unknown';
}

/** Linux: the program is on PATH (or in Citrix's folder), or the desktop has a default handler for the type. */
async function linux(system: ProbeSystem, kind: Kind): Promise<ClientAvailability> {
  const dirs = system.pathVariable.split(path.delimiter).filter((dir) => path.isAbsolute(dir));
  const candidates = [
    ...LINUX_PROGRAMS[kind].flatMap((name) => dirs.map((dir) => path.join(dir, name))),
    ...(kind === 'ica' ? LINUX_WFICA : []),
  ];
  for (const file of candidates) if (await system.exists(file, true)) return 'yes';
  const mime = await system.run('xdg-mime', ['query', 'default', MIME_TYPES[kind]]);
  if (mime === null) return 'unknown';
  if (mime.code === 0) return mime.stdout.trim() === '' ? 'no' : 'yes';
  return 'unknown';
}

/** The real system: `node:fs` and `execFile` (no shell, 3 s limit). */
export function realProbeSystem(): ProbeSystem {
  return {
    platform: process.platform,
    pathVariable: process.env.PATH ?? '',
    home: homedir(),
    exists: async (file, executable = false) => {
      try {
        await access(file, executable ? constants.X_OK : constants.F_OK);
        return true;
      } catch {
        return false;
      }
    },
    run: (command, args) =>
      new Promise((resolve) => {
        execFile(
          command,
          args,
          { timeout: 3000, windowsHide: true, maxBuffer: 64 * 1024 },
          (error, stdout) => {
            if (error && typeof error.code !== 'number') return resolve(null);
            resolve({ code: error ? Number(error.code) : 0, stdout: String(stdout) });
          },
        );
      }),
  };
}

/** A probe that reports both clients present (the browser host's launch recorder opens anything). */
export const everyClientProbe: NativeClientProbe = { detect: async () => ({ ica: 'yes', rdp: 'yes' }) };
