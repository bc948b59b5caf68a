/**
 * The light version's WebSocket gateway, `GET /light/:appId/socket?ticket=`.
 * It redeems the single-use launch ticket (bound to the portal session that
 * asked for it), connects only to the session host the portal chose for
 * the ticket's app (the request names nothing else: no open proxy), and
 * relays bytes with backpressure. A session ends when the browser closes,
 * the host stops, the portal session ends or it sits idle.
 *
 * Faults close the WebSocket with a code the page turns into its own page
 * (see `close-codes.ts`).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock } from '../clock';
import type { AppConfig, ServerConfig } from '../config';
import type { Db } from '../db';
import type { Launcher } from '../apps/launch';
import { bearerTokenOf } from './bearer';
import { tokenDigest } from '../auth/tokens';
import { userRootFor } from '../ftps/transfer-tokens';
import { authenticateToHost, ByteReader, greetBrowser } from './rfb-bridge';
import { CLOSE } from './close-codes';
import { openSocket } from './host-socket';
import type { HostedSession, ReferenceHost, SessionTarget } from './reference-host';

/** Above this much unsent data in either direction, the other side is paused. */
export const BACKPRESSURE_BYTES = 4 * 1024 * 1024;

const APP_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SOCKET_PATH = /^\/light\/([^/]+)\/socket$/;
/** Largest message a browser sends (keys and pointer events are a few bytes). */
const MAX_BROWSER_MESSAGE = 64 * 1024;

/** The host serving `app`'s light version: its configured one, else the reference host. */
export function sessionHostOf(app: AppConfig, reference: ReferenceHost | null): SessionTarget | ReferenceHost | null {
  if (app.lightHost) return { ...app.lightHost };
  return reference;
}

interface LiveSession {
  userId: string;
  sessionHash: string | null;
  ws: WebSocket;
  lastInput: number;
  end(code: number, reason: string): void;
}

/** Dependencies of the gateway. */
export interface GatewayDeps {
  db: Db;
  clock: Clock;
  config: ServerConfig;
  launcher: Launcher;
  reference: ReferenceHost | null;
  /** Folder holding every user's FTPS folder; null: a scratch folder. */
  filesDir: string | null;
}

/** Accepts light-version WebSockets and runs their sessions. */
export class LightGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BROWSER_MESSAGE, perMessageDeflate: false });
  private readonly byUser = new Map<string, Set<LiveSession>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly deps: GatewayDeps) {
    this.sweeper = setInterval(() => void this.sweep().catch(() => {}), 10_000);
    this.sweeper.unref();
  }

  /** Light sessions open for `userId` now. */
  sessionsOf(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** Takes the upgrades of `/light/:appId/socket` on `server`. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket, head) => {
      const url = new URL(request.url ?? '/', 'http://portal.invalid');
      const match = SOCKET_PATH.exec(url.pathname);
      if (!match) {
        // Nothing else here speaks WebSocket.
        if (server.listenerCount('upgrade') === 1) socket.destroy();
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        void this.run(ws, request, match[1]!, url).catch(() => ws.close(CLOSE.hostDown, 'host-down'));
      });
    });
  }

  /** Ends sessions whose portal session ended or that sat idle. */
  async sweep(): Promise<void> {
    const now = this.deps.clock.now();
    const idleMs = this.deps.config.light.idleTimeoutSeconds * 1000;
    for (const sessions of this.byUser.values()) {
      for (const session of [...sessions]) {
        if (!(await this.portalSessionLive(session.userId, session.sessionHash, now))) {
          session.end(CLOSE.signedOut, 'signed-out');
        } else if (now.getTime() - session.lastInput >= idleMs) {
          session.end(CLOSE.idle, 'idle');
        }
      }
    }
  }

  /** Ends every session (portal shutdown). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const sessions of this.byUser.values()) for (const session of [...sessions]) session.end(1001, 'portal-stopped');
    for (const client of this.wss.clients) client.terminate();
    await this.deps.reference?.closeAll();
    await new Promise((resolve) => this.wss.close(resolve));
  }

  private async portalSessionLive(userId: string, sessionHash: string | null, now: Date): Promise<string | null> {
    const result = await this.deps.db.query<{ username: string }>(
      `SELECT u.username FROM users u
       LEFT JOIN sessions s ON s.token_hash = $2 AND s.user_id = u.id
       WHERE u.id = $1 AND u.status = 'active'
         AND ($2::text IS NULL OR (s.revoked_at IS NULL AND s.idle_expires_at > $3 AND s.absolute_expires_at > $3))`,
      [userId, sessionHash, now],
    );
    return result.rows[0]?.username ?? null;
  }

  private async run(ws: WebSocket, request: IncomingMessage, rawAppId: string, url: URL): Promise<void> {
    const browser = new ByteReader();
    let browserClosed = false;
    ws.on('message', (data: Buffer) => browser.push(data));
    ws.once('close', () => {
      browserClosed = true;
      browser.fail(new Error('browser left'));
    });
    ws.on('error', () => {});

    // The request names its app and carries its ticket, nothing else: the
    // target comes from the catalogue, never from the client.
    const keys = [...url.searchParams.keys()];
    const ticket = url.searchParams.get('ticket');
    const appId = decodeURIComponentSafe(rawAppId);
    const app = appId && APP_ID.test(appId) ? this.deps.config.apps.find((entry) => entry.id === appId) : undefined;
    const origin = request.headers.origin;
    if (!app || !app.methods.includes('web') || !ticket || keys.length !== 1 || (origin !== undefined && !sameOrigin(origin, request))) {
      ws.close(CLOSE.badRequest, 'bad-request');
      return;
    }
    const redeemed = await this.deps.launcher.redeemWeb(ticket, app.id);
    if (!redeemed) {
      ws.close(CLOSE.expired, 'expired');
      return;
    }
    const bearer = bearerTokenOf(request.headers.authorization);
    if (bearer !== null && tokenDigest(bearer) !== redeemed.sessionHash) {
      ws.close(CLOSE.session, 'session');
      return;
    }
    const username = await this.portalSessionLive(redeemed.userId, redeemed.sessionHash, this.deps.clock.now());
    if (!username) {
      ws.close(CLOSE.session, 'session');
      return;
    }
    const giveBack = (): Promise<void> => this.deps.launcher.restoreWeb(ticket, redeemed.usedAt);

    // The limit: counted and taken with no await in between, so parallel
    // redeems on this gateway cannot both take the last place.
    const mine = this.byUser.get(redeemed.userId) ?? new Set<LiveSession>();
    if (mine.size >= this.deps.config.light.maxSessionsPerUser) {
      await giveBack();
      ws.close(CLOSE.limit, 'limit');
      return;
    }
    let hosted: HostedSession | null = null;
    let host: Socket | null = null;
    let ended = false;
    const session: LiveSession = {
      userId: redeemed.userId,
      sessionHash: redeemed.sessionHash,
      ws,
      lastInput: this.deps.clock.now().getTime(),
      end: (code, reason) => {
        if (ended) return;
        ended = true;
        mine.delete(session);
        if (mine.size === 0 && this.byUser.get(redeemed.userId) === mine) this.byUser.delete(redeemed.userId);
        host?.destroy();
        void hosted?.close();
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
      },
    };
    mine.add(session);
    this.byUser.set(redeemed.userId, mine);
    ws.once('close', () => session.end(1000, 'closed'));

    const choice = sessionHostOf(app, this.deps.reference);
    if (!choice) {
      session.end(CLOSE.noHost, 'no-host');
      return;
    }
    let target: SessionTarget;
    try {
      if ('start' in choice) {
        const root = this.deps.filesDir ?? path.join(tmpdir(), 'portico-light-files');
        hosted = await choice.start(app, path.join(root, userRootFor(username)));
        if (ended) {
          void hosted.close();
          return;
        }
        target = hosted.target;
      } else {
        target = choice;
      }
      host = await openSocket(target);
      host.on('error', () => {});
      if (ended) {
        host.destroy();
        return;
      }
      const hostReader = new ByteReader();
      host.on('data', (chunk: Buffer) => hostReader.push(chunk));
      host.once('close', () => hostReader.fail(new Error('host closed')));
      await authenticateToHost(host, hostReader, target.password);
      host.removeAllListeners('data');
      host.removeAllListeners('close');
      host.pause();
      this.relayHost(session, host, hostReader.rest());
    } catch {
      if (!ended && !browserClosed) {
        await giveBack();
        session.end(CLOSE.hostDown, 'host-down');
      }
      return;
    }
    try {
      await greetBrowser((data) => ws.send(data), browser);
    } catch {
      session.end(1002, 'protocol');
      return;
    }
    this.relayBrowser(session, host, browser.rest());
    host.resume();
  }

  /** Host → browser, pausing the host socket while the WebSocket holds too much. */
  private relayHost(session: LiveSession, host: Socket, early: Buffer): void {
    const { ws } = session;
    let paused = false;
    const forward = (chunk: Buffer): void => {
      ws.send(chunk, () => {
        if (paused && ws.bufferedAmount < BACKPRESSURE_BYTES / 2) {
          paused = false;
          host.resume();
        }
      });
      if (!paused && ws.bufferedAmount > BACKPRESSURE_BYTES) {
        paused = true;
        host.pause();
      }
    };
    if (early.length) forward(early);
    host.on('data', forward);
    host.once('close', () => session.end(CLOSE.hostEnded, 'host-ended'));
  }

  /** Browser → host, pausing the WebSocket while the host socket holds too much. */
  private relayBrowser(session: LiveSession, host: Socket, early: Buffer): void {
    const { ws } = session;
    ws.removeAllListeners('message');
    const forward = (data: Buffer): void => {
      // Key (4) and pointer (5) events are what "input" means for the idle timeout.
      if (data[0] === 4 || data[0] === 5) session.lastInput = this.deps.clock.now().getTime();
      if (!host.write(data) && host.writableLength > BACKPRESSURE_BYTES) {
        ws.pause();
        host.once('drain', () => ws.resume());
      }
    };
    if (early.length) forward(early);
    ws.on('message', forward);
  }
}

function decodeURIComponentSafe(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Browsers send Origin on WebSockets: only the portal's own pages may open one. */
function sameOrigin(origin: string, request: IncomingMessage): boolean {
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
