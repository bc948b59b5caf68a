/**
 * Wires the FTPS endpoint into the portal: the certificate, the transfer
 * tokens, the endpoint itself (users jailed in `<dataDir>/files/<user>`)
 * and the `POST /api/v1/transfers/credentials` route as a portal plugin.
 */
import path from 'node:path';
import type { PortalPlugin } from './app-context';
import type { ServerConfig } from './config';
import type { Db } from './db';
import type { Signals } from './db/signals';
import {
  ensureFtpsCertificate,
  startFtpsEndpoint,
  TransferTokens,
  transfersRoutes,
  type FtpsEndpoint,
} from './ftps';
import type { LockoutStore } from './auth/lockout-store';
import { appPasswordRoutes } from './ftps/app-password-routes';
import { AppPasswords, looksLikeAppPassword, verifyUnderLockout } from './ftps/app-passwords';
import { watchRevocations } from './ftps/revocation';

/** What {@link startTransfers} hands back to `startServer`. */
export interface PortalTransfers {
  plugin: PortalPlugin;
  endpoint: FtpsEndpoint;
  tokens: TransferTokens;
  appPasswords: AppPasswords;
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
  /** The cluster bus: revocations on any instance cut this endpoint's sessions. */
  signals: Pick<Signals, 'subscribe'>;
  /** Safety re-check interval of open FTPS logins (default 1 s; see `ftps/revocation.ts`). */
  recheckMs?: number;
  /** The account lockout app-password logins count toward (the portal sign-in's). */
  lockout: Pick<LockoutStore, 'guard'>;
}

/** Starts the FTPS endpoint and returns the plugin that issues its credentials. */
export async function startTransfers(options: StartTransfersOptions): Promise<PortalTransfers> {
  const now = options.now ?? Date.now;
  const cert = await ensureFtpsCertificate(options.dataDir);
  const tokens = new TransferTokens(options.db, { now });
  const appPasswords = new AppPasswords(options.db, { now });
  const filesDir = path.join(options.dataDir, 'files');
  const range = options.config.pasvPortRange;
  const endpoint = await startFtpsEndpoint({
    host: options.host,
    port: options.port ?? options.config.port,
    pasvPortRange: range,
    ...(options.config.publicHost ? { publicHost: options.config.publicHost } : {}),
    maxPreLoginPerAddress: options.config.maxPreLoginPerAddress,
    preLoginTimeoutMs: options.config.preLoginTimeoutSeconds * 1000,
    storageLimits: { quotaBytes: options.config.quotaBytes, maxFileBytes: options.config.maxFileBytes },
    rootDir: filesDir,
    tls: cert,
    // Honoured only while the portal session it was issued to is live and nothing was revoked since.
    verifyToken: (username, secret) =>
      // Anything not shaped like an app password can only be a transfer token.
      looksLikeAppPassword(secret)
        ? verifyUnderLockout(options.lockout, appPasswords, username, secret)
        : tokens.verify(username, secret),
  });
  const watch = watchRevocations({
    signals: options.signals,
    grants: () => endpoint.grants(),
    stillGranted: async (grants) => {
      const [fromTokens, fromApps] = await Promise.all([
        tokens.stillGranted(grants),
        appPasswords.stillGranted(grants),
      ]);
      return new Set([...fromTokens, ...fromApps]);
    },
    cutGrants: (keep) => endpoint.cutGrants(keep),
    recheckMs: options.recheckMs,
  });
  const announcedHost =
    options.config.publicHost ??
    (options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host);
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
          return { username: session.user.username, sessionHash: session.tokenHash };
        },
      });
      await app.register(appPasswordRoutes, {
        ctx,
        appPasswords,
        endpoint: { host: announcedHost, port: endpoint.port, fingerprint256: cert.fingerprint256 },
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
    appPasswords,
    filesDir,
    close: () => {
      watch.stop();
      return endpoint.close();
    },
  };
}
