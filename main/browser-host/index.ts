/**
 * The browser host: the same services and router as the Electron app, served
 * to a browser page over a loopback WebSocket (for machines without the
 * Electron binary, and for every end-to-end test).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compose } from '../compose';
import { createBrowserHostPorts, type BrowserHostPortOptions } from './host-ports';
import { startHostServer } from './host-server';

export interface BrowserHostOptions extends Omit<BrowserHostPortOptions, 'dataDir'> {
  /** Portal the client points at by default. */
  portalUrl: string;
  /** Per-user data folder (settings, temp files). */
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Built renderer; defaults to `out/renderer` under the working directory. */
  rendererDir?: string;
  /** Diagnostics sink (never secrets); defaults to stderr. */
  log?: (line: string) => void;
  /** The local portal, started alongside: the page is served at once, requests to the portal wait for it. */
  portalStarting?: Promise<unknown>;
}

export interface BrowserHost {
  /** Page address including `#token=...`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * The app version from our package.json. Looked up from this module upwards
 * because it runs both from source (`main/browser-host/`) and prebuilt
 * (`out/browser-host/chunks/`).
 */
function readVersion(): string {
  for (const up of ['../../', '../../../', '../../../../']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(`${up}package.json`, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'portico') return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    } catch {
      // Not at this level; try the next one up.
    }
  }
  return '0.0.0';
}

/** Composes the app core with browser-host ports and starts serving it. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const ports = createBrowserHostPorts(options);
  const core = await compose(ports, {
    defaultPortalUrl: options.portalUrl,
    // The host is always started with --portal; it wins over a remembered address.
    portalFlag: options.portalUrl,
    shell: 'browser',
    version: readVersion(),
    platform: process.platform,
    log: options.log ?? ((line) => process.stderr.write(`[portico] ${line}\n`)),
    ...(options.portalStarting ? { portalStarting: options.portalStarting } : {}),
  });
  const hostServer = await startHostServer({
    router: core.router,
    events: core.events,
    rendererDir: resolve(options.rendererDir ?? 'out/renderer'),
    port: options.port ?? 0,
  }).catch(async (error: unknown) => {
    await core.dispose();
    throw error;
  });
  let closing: Promise<void> | null = null;
  return {
    url: hostServer.url,
    origin: hostServer.origin,
    close: () => {
      closing ??= hostServer.close().finally(() => core.dispose());
      return closing;
    },
  };
}
