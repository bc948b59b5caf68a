/**
 * OsLauncher for the browser host: hands files and URLs to the desktop's
 * opener (`xdg-open` on Linux, `open` on macOS, `start` on Windows).
 */
import { spawn } from 'node:child_process';
import type { OsLauncher } from '../ports';
import { isAllowedExternalUrl } from '../shell-guards';

/** xdg-open's "a required tool could not be found" (no handler for the type). */
const XDG_NO_TOOL = 3;
/** Openers that keep running (some handlers run in the foreground) count as launched after this. */
const SETTLE_MS = 5_000;

type OpenOutcome = Awaited<ReturnType<OsLauncher['openPath']>>;

function openerCommand(
  target: string,
  platform: NodeJS.Platform,
): { command: string; args: string[] } | null {
  if (platform === 'darwin') return { command: 'open', args: [target] };
  if (platform === 'win32') {
    // cmd.exe re-parses its command line; refuse characters it would interpret.
    if (/["&|<>^%!\r\n]/.test(target)) return null;
    return { command: 'cmd.exe', args: ['/d', '/s', '/c', `start "" "${target}"`] };
  }
  return { command: 'xdg-open', args: [target] };
}

/** Runs the platform opener; resolves how it went. Never rejects. */
export function runOpener(
  target: string,
  platform: NodeJS.Platform = process.platform,
): Promise<OpenOutcome> {
  const spec = openerCommand(target, platform);
  if (!spec)
    return Promise.resolve({
      ok: false,
      reason: 'failed',
      message: 'The path contains characters the opener cannot take.',
    });
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const finish = (outcome: OpenOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const child = spawn(spec.command, spec.args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: platform !== 'win32',
      windowsVerbatimArguments: platform === 'win32',
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      child.unref();
      finish({ ok: true });
    }, SETTLE_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(
        error.code === 'ENOENT'
          ? { ok: false, reason: 'no-handler', message: `${spec.command} is not installed on this system.` }
          : { ok: false, reason: 'failed', message: `${spec.command} could not be started.` },
      );
    });
    child.on('exit', (code) => {
      if (code === 0) finish({ ok: true });
      else if ((platform === 'linux' && code === XDG_NO_TOOL) || /no application/i.test(stderr)) {
        finish({
          ok: false,
          reason: 'no-handler',
          message: 'No application is installed to open this file.',
        });
      } else
        finish({ ok: false, reason: 'failed', message: `${spec.command} exited with code ${String(code)}.` });
    });
  });
}

/** The real launcher. `openExternal` only ever passes https:/mailto: URLs on. */
export function createSystemLauncher(platform: NodeJS.Platform = process.platform): OsLauncher {
  return {
    openPath: (filePath) => runOpener(filePath, platform),
    openExternal: async (url) => {
      if (!isAllowedExternalUrl(url)) throw new Error('Only https: and mailto: links can be opened.');
      const outcome = await runOpener(url, platform);
      if (!outcome.ok) throw new Error(outcome.message);
    },
  };
}
