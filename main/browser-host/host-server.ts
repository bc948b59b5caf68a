/**
 * The loopback HTTP server of the browser host: static renderer files plus
 * the `/ipc` WebSocket. Takes an already-composed router and event hub, so
 * tests can run it with a fake core.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventHub, Router } from '../ports';
import { contentSecurityPolicy } from '../shell-guards';
import { createDragOutRoute } from './drag-out-route';
import { attachIpcSocket } from './ipc-socket';
import { securityHeaders, sendPlain, serveStatic } from './static-files';

export interface HostServerOptions {
  router: Router;
  events: EventHub;
  /** Folder of the built renderer (`out/renderer`). */
  rendererDir: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
}

export interface HostServer {
  /** Page address including `#token=...`; hand it only to the user's own browser. */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts the server and resolves once it listens. */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  let allowedHost = '';
  let headers: Record<string, string> = {};

  // Remote files dragged out of the page (single-use tokens, see drag-out-route.ts).
  const dragOut = createDragOutRoute({ router: options.router, headers: () => headers });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Only our own Host name: a DNS-rebinding page must not read anything from us.
    if (req.headers.host !== allowedHost) {
      sendPlain(res, 403, 'Forbidden', headers);
      return;
    }
    if (dragOut(req, res)) return;
    serveStatic(req, res, options.rendererDir, headers).catch(() => {
      if (!res.headersSent) sendPlain(res, 500, 'Internal error', headers);
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const closeSockets = attachIpcSocket(server, {
    router: options.router,
    events: options.events,
    token,
    origin: () => origin,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHost = `${HOST}:${port}`;
  origin = `http://${allowedHost}`;
  headers = securityHeaders(contentSecurityPolicy([`ws://${HOST}:${port}`]));

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    close: () => {
      closing ??= (async () => {
        await closeSockets();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
