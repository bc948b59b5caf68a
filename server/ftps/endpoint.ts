/**
 * The portal's FTPS endpoint (explicit TLS, `PROT P` required). A lean
 * server on node:net/node:tls rather than ftp-srv: see docs/transfers.md for
 * why (AUTH TLS race, 50 ms data-socket polling, no TLS session reuse check).
 */
import { promises as fsp } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ControlChannel } from './control-channel';
import type { FtpsFileSystem } from './file-system';
import { JailedFileSystem } from './jailed-fs';
import { PassivePorts } from './passive';
import { DEFAULT_PRE_LOGIN_LIMITS, PreLoginGate } from './pre-login';
import { DEFAULT_STORAGE_LIMITS, StorageLedgers, type StorageLimits } from './quota';
import { runSession } from './session';
import { sessionTlsContexts } from './session-tls';

/** Options of {@link startFtpsEndpoint}. */
export interface FtpsEndpointOptions {
  /** Address to listen on (control and data), e.g. '127.0.0.1' or '0.0.0.0'. */
  host: string;
  /** Control port; 0 picks a free one. */
  port: number;
  /** Passive data ports; null/absent lets the OS pick. */
  pasvPortRange?: { min: number; max: number } | null;
  /** IPv4 address announced in PASV replies (default: `host`, or 127.0.0.1 for wildcard hosts). */
  publicHost?: string;
  /** Default true. False makes clients use PASV (behind some NATs). */
  allowEpsv?: boolean;
  /** Folder under which user roots live; `userRoot` must resolve inside it. */
  rootDir: string;
  tls: { key: string; cert: string };
  /**
   * Checks a transfer token; null means refuse. `userRoot` is relative to
   * `rootDir` or absolute inside it; `grant` (optional) names what the login
   * rests on, so {@link FtpsEndpoint.cutGrants} can end it later.
   */
  verifyToken(username: string, token: string): Promise<{ userRoot: string; grant?: string } | null>;
  /** Replaces the on-disk file system (tests use hostile ones). */
  fileSystemFor?(userRoot: string, username: string): FtpsFileSystem;
  /**
   * Most simultaneous control connections (default 64). When full, the oldest
   * connection that has not logged in is closed to make room; only a server
   * full of logged-in sessions answers `421 Too many connections`.
   */
  maxConnections?: number;
  /** Most connections per client address that have not logged in (default 8; see `pre-login.ts`). */
  maxPreLoginPerAddress?: number;
  /** How long a connection may take to finish AUTH TLS, USER and PASS (default 10 s). */
  preLoginTimeoutMs?: number;
  /** Most control connections per user (default 16). */
  maxConnectionsPerUser?: number;
  /** Each user's storage quota and largest file (default 10 GiB and 5 GiB; see `quota.ts`). */
  storageLimits?: StorageLimits;
  dataTimeoutMs?: number;
  idleTimeoutMs?: number;
}

/** A running endpoint. */
export interface FtpsEndpoint {
  host: string;
  port: number;
  /** Closes every session (e.g. after revoking tokens); the endpoint keeps listening. */
  dropSessions(): void;
  /** The grants (see `verifyToken`) logged-in sessions rest on now. */
  grants(): string[];
  /**
   * Closes every logged-in session, with its data connections, whose grant
   * `keep` refuses; returns how many were closed.
   */
  cutGrants(keep: (grant: string) => boolean): number;
  close(): Promise<void>;
}

/** Starts the FTPS endpoint. */
export async function startFtpsEndpoint(options: FtpsEndpointOptions): Promise<FtpsEndpoint> {
  const newTlsContext = sessionTlsContexts(options.tls);
  // Fails here, at start, on a bad key or certificate rather than at the first AUTH TLS.
  newTlsContext();
  const rootDir = path.resolve(options.rootDir);
  await fsp.mkdir(rootDir, { recursive: true });
  const ports = new PassivePorts(options.pasvPortRange ?? null);
  const ledgers = new StorageLedgers(options.storageLimits ?? DEFAULT_STORAGE_LIMITS);
  // Control and data sockets, so dropSessions/close can cut everything.
  const sockets = new Set<net.Socket>();
  let controls = 0;
  const perUser = new Map<string, number>();
  // Logged-in control connections with their grant, and each one's data sockets, so a revocation can cut them.
  const loggedIn = new Map<net.Socket, { grant: string; data: Set<net.Socket> }>();
  const maxConnections = options.maxConnections ?? 64;
  const maxPerUser = options.maxConnectionsPerUser ?? 16;
  const preLogin = new PreLoginGate({
    maxPerAddress: options.maxPreLoginPerAddress ?? DEFAULT_PRE_LOGIN_LIMITS.maxPerAddress,
    timeoutMs: options.preLoginTimeoutMs ?? DEFAULT_PRE_LOGIN_LIMITS.timeoutMs,
  });
  const wildcard = options.host === '0.0.0.0' || options.host === '::';
  const publicHost =
    options.publicHost ?? (wildcard || !net.isIPv4(options.host) ? '127.0.0.1' : options.host);

  const server = net.createServer((socket) => {
    // A full server makes room by closing its oldest pre-login connection.
    if (controls >= maxConnections && !preLogin.evictOldest()) {
      socket.end('421 Too many connections, try again later\r\n');
      return;
    }
    sockets.add(socket);
    controls++;
    // Frees this connection's slot once, at eviction (so the newcomer that
    // caused it fits) or when the session ends, whichever comes first.
    let counted = true;
    const release = () => {
      if (counted) controls--;
      counted = false;
    };
    socket.setTimeout(options.idleTimeoutMs ?? 300_000, () => socket.destroy());
    let user: string | null = null;
    const data = new Set<net.Socket>();
    const channel = new ControlChannel(socket);
    const ticket = preLogin.admit(socket.remoteAddress ?? '', (reason) => {
      release();
      channel.reply(421, reason);
      channel.close();
    });
    const session = runSession(channel, {
      newTlsContext,
      ports,
      bindHost: options.host,
      publicHost,
      allowEpsv: options.allowEpsv ?? true,
      dataTimeoutMs: options.dataTimeoutMs ?? 30_000,
      trackDataSocket: (dataSocket) => {
        sockets.add(dataSocket);
        data.add(dataSocket);
        dataSocket.once('close', () => {
          sockets.delete(dataSocket);
          data.delete(dataSocket);
        });
      },
      login: async (username, token) => {
        const granted = await options.verifyToken(username, token);
        // Closed by a pre-login cap while the token was being checked.
        if (!granted || socket.destroyed) return null;
        const count = perUser.get(username) ?? 0;
        if (count >= maxPerUser) return null;
        const userRoot = path.resolve(rootDir, granted.userRoot);
        if (userRoot !== rootDir && !userRoot.startsWith(rootDir + path.sep)) return null;
        // Known to revocation checks from here on, before any further wait.
        if (granted.grant !== undefined) loggedIn.set(socket, { grant: granted.grant, data });
        await fsp.mkdir(userRoot, { recursive: true });
        perUser.set(username, count + 1);
        user = username;
        ticket.loggedIn();
        return ledgers.wrap(userRoot, options.fileSystemFor?.(userRoot, username) ?? new JailedFileSystem(userRoot));
      },
    });
    void session.finally(() => {
      sockets.delete(socket);
      loggedIn.delete(socket);
      release();
      ticket.closed();
      if (user !== null) {
        const left = (perUser.get(user) ?? 1) - 1;
        if (left > 0) perUser.set(user, left);
        else perUser.delete(user);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;
  return {
    host: options.host,
    port: address.port,
    dropSessions: () => {
      for (const socket of sockets) socket.destroy();
    },
    grants: () => [...loggedIn.values()].map((entry) => entry.grant),
    cutGrants: (keep) => {
      let cut = 0;
      for (const [socket, entry] of [...loggedIn]) {
        if (keep(entry.grant)) continue;
        loggedIn.delete(socket);
        // Data first: a transfer under way must not finish after the cut.
        for (const dataSocket of entry.data) dataSocket.destroy();
        socket.destroy();
        cut++;
      }
      return cut;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
