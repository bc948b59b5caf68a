/**
 * Wires the FTPS endpoint into the portal: the certificate, the transfer
 * tokens, the endpoint itself (users jailed in `<dataDir>/files/<user>`)
 * and the `POST /api/v1/transfers/credentials` route as a portal plugin.
 */
import path from 'node:path';
import type { PortalPlugin } from './app-context';
import type { ServerConfig } from './config';
import type { Db } from './db';
import { ensureFtpsCertificate, startFtpsEndpoint, TransferTokens, transfersRoutes, type FtpsEndpoint } from './ftps';

/** What {@link startTransfers} hands back to `startServer`. */
export interface PortalTransfers {
  plugin: PortalPlugin;
  endpoint: FtpsEndpoint;
  tokens: TransferTokens;
  /** Folder holding every user's jailed folder. */
  filesDir: string;
  close(): Promise<void>;
}

/** Options of {@link startTransfers}. */
export interface StartTransfersOptions {
  config: ServerConfig['ftps'];
  db: Db;
  dataDir: string;
  /** Bind address (the portal's own host). */
  host: string;
  /** Control port; overrides `config.port` (tests pass 0). */
  port?: number;
  now?: () => number;
}

/**
 * True while the user still has a live portal session. A transfer token is
 * only honoured then, so signing out or an expired session stops new FTPS
 * logins even before the token's own 15 minutes are up.
 */
async function hasLiveSession(db: Db, username: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE u.username = $1 AND s.revoked_at IS NULL AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2
      LIMIT 1`,
    [username, now.toISOString()],
  );
  return rows.length > 0;
}

/** Starts the FTPS endpoint and returns the plugin that issues its credentials. */
export async function startTransfers(options: StartTransfersOptions): Promise<PortalTransfers> {
  const now = options.now ?? Date.now;
  const cert = await ensureFtpsCertificate(options.dataDir);
  const tokens = new TransferTokens(options.db, { now });
  const filesDir = path.join(options.dataDir, 'files');
  const range = options.config.pasvPortRange;
  const endpoint = await startFtpsEndpoint({
    host: options.host,
    port: options.port ?? options.config.port,
    pasvPortRange: range,
    ...(options.config.publicHost ? { publicHost: options.config.publicHost } : {}),
    maxPreLoginPerAddress: options.config.maxPreLoginPerAddress,
    preLoginTimeoutMs: options.config.preLoginTimeoutSeconds * 1000,
    rootDir: filesDir,
    tls: cert,
    verifyToken: async (username, token) => {
      const granted = await tokens.verify(username, token);
      if (!granted) return null;
      if (!(await hasLiveSession(options.db, username, new Date(now())))) {
        // The portal session is gone: the token dies with it.
        await tokens.revokeUser(username);
        return null;
      }
      return granted;
    },
  });
  const announcedHost = options.config.publicHost ?? (options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host);
  const plugin: PortalPlugin = {
    name: 'transfers',
    prefix: '',
    register: async (app, ctx) => {
      await app.register(transfersRoutes, {
        tokens,
        endpoint: { host: announcedHost, port: endpoint.port },
        fingerprint256: cert.fingerprint256,
        authenticate: async (request) => {
          const session = await ctx.requireSession(request);
          return { username: session.user.username };
        },
      });
      // Sign-out revokes the user's transfer tokens. The auth routes live in
      // another plugin scope, so this listens on the shared context instead.
      ctx.onSignOut.push((username) => tokens.revokeUser(username));
    },
  };
  return {
    plugin,
    endpoint,
    tokens,
    filesDir,
    close: () => endpoint.close(),
  };
}
