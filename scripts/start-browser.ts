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
import { join, resolve } from 'node:path';
import { parseFlags, parsePort, parsePortalUrl } from '../main/browser-host/cli-args';
import { startBrowserHost, type BrowserHost } from '../main/browser-host/index';
import { runOpener } from '../main/browser-host/system-launcher';
import { startServer, type RunningServer } from '../server/index';
import { defaultDataDir } from '../server/paths';
import { hasDesktop, userDataDir } from './user-data-dir';

const USAGE = 'Usage: npm run start:browser -- [--portal URL] [--data-dir DIR] [--port 0] [--no-open]';

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** The portal's usual port keeps saved portal addresses valid between runs; any free port if taken. */
const PORTAL_PORT = 7443;

async function startPortal(dataDir: string): Promise<RunningServer> {
  try {
    return await startServer({ dataDir, port: PORTAL_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startServer({ dataDir, port: 0 });
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

  let portal: RunningServer | null = null;
  let portalUrl: string;
  if (typeof flags.portal === 'string') {
    portalUrl = parsePortalUrl(flags.portal);
  } else {
    portal = await startPortal(portalDir);
    portalUrl = portal.url;
  }

  let host: BrowserHost;
  try {
    host = await startBrowserHost({ portalUrl, dataDir: clientDir, port: parsePort(flags.port) });
  } catch (error) {
    await portal?.close();
    throw error;
  }

  say('Portico is running in your browser.');
  say(`  Open: ${host.url}`);
  say("  (The address carries this run's access key; keep it to yourself.)");
  say(`  Portal: ${portalUrl}${portal ? ' (reference portal, started here)' : ''}`);
  say(`  Client data: ${clientDir}`);
  if (portal) say(`  Portal data: ${portalDir}`);
  if (portal?.demoAccount) {
    say(
      `  Demo account: ${portal.demoAccount.username} / ${portal.demoAccount.password} (shown once; change it after signing in)`,
    );
  } else if (portal) {
    say('  Sign in with an existing account, or create one with:');
    say(
      `    npm run server -- create-user <username> --name "Full Name"${custom ? ` --data-dir ${portalDir}` : ''}`,
    );
  }
  say('Press Ctrl+C to stop.');

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
      .then(() => portal?.close())
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
