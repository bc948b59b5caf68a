/**
 * `npm run start:browser`: the whole app without the Electron binary. Starts
 * the reference portal in-process (unless `--portal URL` points elsewhere),
 * then the browser host, prints the address and opens the default browser.
 *
 *   node out/browser-host/start-browser.js [--portal URL] [--data-dir DIR] [--port 0] [--no-open]
 *
 * `npm run start:browser` builds first and runs the prebuilt JavaScript (see
 * electron.vite.config.ts); `tsx scripts/start-browser.ts` still works from source.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import { join, resolve } from 'node:path';
import { parseFlags, parsePort, parsePortalUrl } from '../main/browser-host/cli-args';
import { startBrowserHost, type BrowserHost } from '../main/browser-host/index';
import { runOpener } from '../main/browser-host/system-launcher';
import type { PortalWorkerData, PortalWorkerMessage } from './portal-worker';
import { defaultDataDir } from '../server/paths';
import { hasDesktop, userDataDir } from './user-data-dir';

const USAGE = 'Usage: npm run start:browser -- [--portal URL] [--data-dir DIR] [--port 0] [--no-open]';

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** The portal's usual port keeps saved portal addresses valid between runs; any free port if taken. */
const PORTAL_PORT = 7443;
const PORTAL_HOST = '127.0.0.1';

/** Resolves the port if it can be listened on now (the probe is closed again), else null. */
function probePort(port: number): Promise<number | null> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(null));
    probe.listen({ host: PORTAL_HOST, port, exclusive: true }, () => {
      const address = probe.address();
      const bound = address && typeof address === 'object' ? address.port : null;
      probe.close(() => resolvePort(bound));
    });
  });
}

/**
 * The portal's port, chosen before it starts so the host can serve the page
 * (pointing at it) while the portal is still opening its database.
 */
async function portalPort(): Promise<{ port: number; usual: boolean }> {
  const usual = await probePort(PORTAL_PORT);
  if (usual !== null) return { port: usual, usual: true };
  const any = await probePort(0);
  if (any === null) throw new Error('no free port for the portal');
  return { port: any, usual: false };
}

/** The portal running in its worker thread (see portal-worker.ts). */
interface StartedPortal {
  url: string;
  demoAccount: { username: string; password: string } | null;
  close(): Promise<void>;
}

function startPortal(dataDir: string, port: { port: number; usual: boolean }): Promise<StartedPortal> {
  // Off the usual port, FTPS takes a free port too (as a random HTTP port always does).
  const data: PortalWorkerData = { dataDir, host: PORTAL_HOST, port: port.port, ...(port.usual ? {} : { ftpsPort: 0 }) };
  // Prebuilt beside this file (out/browser-host/), or from source under tsx.
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const worker = new Worker(new URL(`./portal-worker${ext}`, import.meta.url), { workerData: data });
  return new Promise((resolveStart, rejectStart) => {
    let closed: Promise<void> | null = null;
    worker.once('error', rejectStart);
    worker.once('exit', (code) => rejectStart(new Error(`the portal stopped (code ${code})`)));
    worker.on('message', (message: PortalWorkerMessage) => {
      if (message.kind === 'failed') {
        rejectStart(new Error(message.message));
        void worker.terminate();
      } else if (message.kind === 'started') {
        resolveStart({
          url: message.url,
          demoAccount: message.demoAccount,
          close: () => {
            closed ??= new Promise<void>((done) => {
              worker.once('exit', () => done());
              worker.postMessage('close');
            });
            return closed;
          },
        });
      }
    });
  });
}

function portalLines(portal: StartedPortal, portalDir: string, custom: boolean): void {
  say(`Portal started: ${portal.url}`);
  say(`  Portal data: ${portalDir}`);
  if (portal.demoAccount) {
    say(
      `  Demo account: ${portal.demoAccount.username} / ${portal.demoAccount.password} (shown once; change it after signing in)`,
    );
  } else {
    say('  Sign in with an existing account, or create one with:');
    say(`    npm run server -- create-user <username> --name "Full Name"${custom ? ` --data-dir ${portalDir}` : ''}`);
  }
}

async function main(): Promise<void> {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2), ['portal', 'data-dir', 'port'], ['no-open']);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  // Without --data-dir the portal shares its folder with `npm run server` (so its CLI manages the same users).
  const custom = typeof flags['data-dir'] === 'string' ? resolve(flags['data-dir']) : null;
  const clientDir = custom ? join(custom, 'browser-client') : join(userDataDir(), 'browser-client');
  const portalDir = custom ? join(custom, 'portal') : defaultDataDir();
  mkdirSync(clientDir, { recursive: true, mode: 0o700 });

  // Start in parallel: the portal opens its database while the host serves
  // the sign-in form; *Log On* waits for the portal (see starting-gate.ts).
  let portalStarting: Promise<StartedPortal> | null = null;
  let portalUrl: string;
  if (typeof flags.portal === 'string') {
    portalUrl = parsePortalUrl(flags.portal);
  } else {
    const port = await portalPort();
    portalUrl = `http://${PORTAL_HOST}:${port.port}`;
    portalStarting = startPortal(portalDir, port);
  }
  // A failed portal start ends the run (below); the host must not see it as unhandled.
  portalStarting?.catch(() => undefined);

  let host: BrowserHost;
  try {
    host = await startBrowserHost({
      portalUrl,
      dataDir: clientDir,
      port: parsePort(flags.port),
      ...(portalStarting ? { portalStarting } : {}),
    });
  } catch (error) {
    await portalStarting?.then((portal) => portal.close(), () => undefined);
    throw error;
  }

  say('Portico is running in your browser.');
  say(`  Open: ${host.url}`);
  say("  (The address carries this run's access key; keep it to yourself.)");
  say(`  Portal: ${portalUrl}${portalStarting ? ' (reference portal, starting here)' : ''}`);
  say(`  Client data: ${clientDir}`);
  say('Press Ctrl+C to stop.');

  if (portalStarting) {
    portalStarting.then(
      (started) => portalLines(started, portalDir, custom !== null),
      (error: unknown) => {
        process.stderr.write(
          `Portico could not start the portal: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        void host.close().finally(() => process.exit(1));
      },
    );
  }

  if (!flags['no-open'] && hasDesktop()) {
    const opened = await runOpener(host.url);
    if (!opened.ok) say(`Could not open the browser (${opened.message}); open the address above yourself.`);
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    say('\nStopping…');
    host
      .close()
      .then(() => portalStarting?.then((started) => started.close(), () => undefined))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Portico could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
