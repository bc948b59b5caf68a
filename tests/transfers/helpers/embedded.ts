/** Starts the embedded FTPS endpoint on 127.0.0.1 with a temp root, for tests and the bench. */
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'basic-ftp';
import { ensureFtpsCertificate, type FtpsCertificate } from '../../../server/ftps/certificate';
import { startFtpsEndpoint, type FtpsEndpoint, type FtpsEndpointOptions } from '../../../server/ftps/endpoint';
import type { TransferCredentials } from '../../../main/services/transfers/engine/types';

export interface EmbeddedServer {
  endpoint: FtpsEndpoint;
  cert: FtpsCertificate;
  dir: string;
  /** The user's folder on disk. */
  userDir: string;
  /** Valid tokens; delete one to revoke it. */
  tokens: Set<string>;
  credentials(token?: string, expiresAt?: string): TransferCredentials;
  close(): Promise<void>;
}

let counter = 0;

export async function startEmbedded(extra: Partial<FtpsEndpointOptions> = {}): Promise<EmbeddedServer> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'portico-ftps-'));
  const cert = await ensureFtpsCertificate(path.join(dir, 'data'));
  const tokens = new Set<string>();
  const endpoint = await startFtpsEndpoint({
    host: '127.0.0.1',
    port: 0,
    rootDir: path.join(dir, 'users'),
    tls: cert,
    verifyToken: async (username, token) => (username === 'alice' && tokens.has(token) ? { userRoot: 'alice' } : null),
    ...extra,
  });
  const userDir = path.join(dir, 'users', 'alice');
  await fsp.mkdir(userDir, { recursive: true });
  return {
    endpoint,
    cert,
    dir,
    userDir,
    tokens,
    credentials(token, expiresAt) {
      const t = token ?? `token-${++counter}-abcdefghijklmnop`;
      tokens.add(t);
      return {
        host: '127.0.0.1',
        port: endpoint.port,
        username: 'alice',
        token: t,
        expiresAt: expiresAt ?? new Date(Date.now() + 15 * 60_000).toISOString(),
        tls: { fingerprint256: cert.fingerprint256 },
      };
    },
    async close() {
      await endpoint.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A basic-ftp client logged in to `server` as alice over explicit TLS (trusting the server's own certificate). */
export async function loginClient(server: EmbeddedServer, timeoutMs = 10_000): Promise<Client> {
  const client = new Client(timeoutMs);
  const creds = server.credentials();
  try {
    await client.access({
      host: '127.0.0.1',
      port: creds.port,
      user: 'alice',
      password: creds.token,
      secure: true,
      secureOptions: { ca: [server.cert.cert], checkServerIdentity: () => undefined },
    });
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}
