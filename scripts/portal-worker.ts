/**
 * `start:browser`'s portal, in a worker thread: PGlite's first start (initdb)
 * runs synchronous WebAssembly for seconds, which would stop the host from
 * serving the sign-in form meanwhile. Here it blocks only this thread.
 *
 * Started by start-browser.ts with `{ dataDir, port, ftpsPort? }`; answers
 * `{ kind: 'started', url, demoAccount }` or `{ kind: 'failed', message }`;
 * on `'close'` closes the portal and answers `{ kind: 'closed' }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startServer, type RunningServer } from '../server/index';

/** What start-browser.ts passes to the worker. */
export interface PortalWorkerData {
  dataDir: string;
  host: string;
  port: number;
  ftpsPort?: number;
}

/** What the worker posts back. */
export type PortalWorkerMessage =
  | { kind: 'started'; url: string; demoAccount: { username: string; password: string } | null }
  | { kind: 'failed'; message: string; code?: string }
  | { kind: 'closed' };

const port = parentPort;
if (!port) throw new Error('portal-worker.ts runs as a worker thread');
const options = workerData as PortalWorkerData;
const post = (message: PortalWorkerMessage): void => port.postMessage(message);

let running: Promise<RunningServer | null> = startServer({
  dataDir: options.dataDir,
  host: options.host,
  port: options.port,
  ...(options.ftpsPort === undefined ? {} : { ftpsPort: options.ftpsPort }),
}).then(
  (server) => {
    post({ kind: 'started', url: server.url, demoAccount: server.demoAccount });
    return server;
  },
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), ...(code ? { code } : {}) });
    return null;
  },
);

port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  running = running.then(async (server) => {
    await server?.close().catch(() => undefined);
    post({ kind: 'closed' });
    port.close();
    return null;
  });
});
