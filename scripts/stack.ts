/**
 * Test-only launcher for one end-to-end stack: the reference portal and the
 * browser host, each on a random loopback port with temp data folders.
 * Prints one `PORTICO_STACK {json}` line, then serves until SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/index';
import { startBrowserHost } from '../main/browser-host/index';

interface StackOptions {
  serverConfig?: Record<string, unknown>;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as StackOptions;
  const root = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
  const recordDir = join(root, 'launches');
  const server = await startServer({
    dataDir: join(root, 'portal'),
    port: 0,
    config: options.serverConfig ?? {},
  });
  const host = await startBrowserHost({
    portalUrl: server.url,
    dataDir: join(root, 'client'),
    port: 0,
    recordLaunchesDir: recordDir,
  });
  process.stdout.write(
    `PORTICO_STACK ${JSON.stringify({ portalUrl: server.url, hostUrl: host.url, demo: server.demoAccount, recordDir, root })}\n`,
  );
  const stop = async (): Promise<void> => {
    await host.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`stack failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
