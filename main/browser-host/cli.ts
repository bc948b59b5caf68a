/**
 * Command line for the browser host:
 *
 *   node out/browser-host/cli.js --portal URL --data-dir DIR
 *       [--port 0] [--record-launches DIR] [--renderer-dir out/renderer]
 *
 * (`npm run build` produces `out/browser-host/`; from source it also runs as
 * `npx tsx main/browser-host/cli.ts ...`, only slower to start.)
 *
 * Prints `PORTICO_HOST_READY {"url":"..."}` once listening (the URL carries
 * the access token; it is meant for the user's own browser and for tests) and
 * shuts down cleanly on SIGTERM/SIGINT.
 */
import { resolve } from 'node:path';
import { parseFlags, parsePort, parsePortalUrl } from './cli-args';
import { startBrowserHost, type BrowserHostOptions } from './index';

const USAGE =
  'Usage: node out/browser-host/cli.js --portal URL --data-dir DIR [--port 0] [--record-launches DIR] [--renderer-dir out/renderer]';

function readOptions(argv: readonly string[]): BrowserHostOptions {
  const flags = parseFlags(argv, ['portal', 'data-dir', 'port', 'record-launches', 'renderer-dir']);
  if (typeof flags.portal !== 'string' || typeof flags['data-dir'] !== 'string')
    throw new Error('--portal and --data-dir are required');
  const recordDir = flags['record-launches'] ?? process.env.PORTICO_RECORD_LAUNCHES_DIR;
  return {
    portalUrl: parsePortalUrl(flags.portal),
    dataDir: resolve(flags['data-dir']),
    port: parsePort(flags.port),
    rendererDir: typeof flags['renderer-dir'] === 'string' ? resolve(flags['renderer-dir']) : undefined,
    recordLaunchesDir: typeof recordDir === 'string' && recordDir !== '' ? resolve(recordDir) : undefined,
  };
}

async function main(): Promise<void> {
  let options: BrowserHostOptions;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const host = await startBrowserHost(options);
  process.stdout.write(`PORTICO_HOST_READY ${JSON.stringify({ url: host.url })}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The browser host could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
