#!/usr/bin/env node
/**
 * `npm start` (after `electron-vite build`): starts the reference portal
 * (`out/server/cli.js serve`, the built `portico-portal`), waits for PORTICO_PORTAL_READY, then runs
 * Electron on out/main/index.js with `--portal <url>`. Stops the portal when
 * Electron exits; forwards Ctrl+C / SIGTERM.
 *
 *   node scripts/start.mjs [--portal URL]   (with --portal, no local portal is started)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const READY = 'PORTICO_PORTAL_READY';
const READY_TIMEOUT_MS = 120_000;

/**
 * The Electron binary, found the way `node_modules/electron/index.js` finds it
 * but WITHOUT requiring that module (which would try to download it).
 */
function electronBinary() {
  const pkgDir = join(root, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(pkgDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

function portalFlag(argv) {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--portal' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--portal=')) return argv[i].slice('--portal='.length);
  }
  return null;
}

/** Starts the portal and resolves its URL once it prints the ready line. */
function startPortal() {
  const child = spawn(process.execPath, [join('out', 'server', 'cli.js'), 'serve'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the portal did not start in time')), READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited (code ${code})`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith(READY)) {
        // The portal's own messages (address, first-run demo account) are for the user.
        process.stdout.write(`[portal] ${line}\n`);
        return;
      }
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line.slice(READY.length).trim()).url);
      } catch {
        reject(new Error('the portal printed an unreadable ready line'));
      }
    });
  });
  return { child, ready };
}

function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main() {
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write(
      'The Electron binary is not installed (it could not be downloaded on this machine).\n' +
        'Run Portico in your browser instead:  npm run start:browser\n',
    );
    process.exit(1);
  }
  const mainEntry = join(root, 'out', 'main', 'index.js');
  if (!existsSync(mainEntry)) {
    process.stderr.write('out/main/index.js is missing: run `npm run build` first (npm start does this).\n');
    process.exit(1);
  }

  let portal = null;
  let portalUrl = portalFlag(process.argv.slice(2));
  if (!portalUrl && !existsSync(join(root, 'out', 'server', 'cli.js'))) {
    process.stderr.write('out/server/cli.js is missing: run `npm run build` first (npm start does this).\n');
    process.exit(1);
  }
  if (!portalUrl) {
    portal = startPortal();
    try {
      portalUrl = await portal.ready;
    } catch (error) {
      process.stderr.write(`Portico could not start: ${error.message}\n`);
      await stopChild(portal.child);
      process.exit(1);
    }
  }

  const electron = spawn(binary, [mainEntry, '--portal', portalUrl], { cwd: root, stdio: 'inherit' });
  let forwarded = false;
  const forward = (signal) => {
    if (forwarded) return;
    forwarded = true;
    if (electron.exitCode === null) electron.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  electron.once('error', (error) => process.stderr.write(`Electron could not start: ${error.message}\n`));
  electron.once('close', async (code, signal) => {
    await stopChild(portal?.child);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((error) => {
  process.stderr.write(`Portico could not start: ${error?.message ?? error}\n`);
  process.exit(1);
});
