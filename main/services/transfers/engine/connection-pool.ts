/**
 * A pool of FTPS connections, one transfer per connection. Opens lazily up
 * to `limit`; when the server answers `421 Too many connections` the limit
 * drops to what is open (at least 1) so the queue carries on with fewer.
 * It asks the engine's `CredentialState` for the credentials to connect
 * with, and starts afresh whenever they change.
 */
import type { CredentialSource } from './credential-state';
import { TransferError } from './errors';
import { openConnection, type FtpConnection } from './ftp-connection';
import { RemoteDirCache } from './remote-dir-cache';
import { fetchPinnedCertificate } from './tls-pin';
import type { TransferCredentials } from './types';

/** What the pool is built with. */
export interface ConnectionPoolOptions {
  limit: number;
  timeoutMs: number;
  maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  credentials: CredentialSource;
}

export class ConnectionPool {
  private readonly idle: FtpConnection[] = [];
  private open = 0;
  private pinnedPem: string | null = null;
  private pinnedFor = '';
  /** Set by `disconnect` (the engine closing): no new connections until the credentials change. */
  private disconnected = false;
  private readonly credentials: CredentialSource;
  private readonly timeoutMs: number;
  private readonly maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  public limit: number;
  /** Shared cache of remote folders known to exist (reset with the credentials). */
  readonly knownDirs = new Set<string>();
  /** Shared cache of remote folder listings (reset with the credentials). */
  readonly listings = new RemoteDirCache();

  constructor(options: ConnectionPoolOptions) {
    this.limit = options.limit;
    this.timeoutMs = options.timeoutMs;
    this.maxTlsVersion = options.maxTlsVersion;
    this.credentials = options.credentials;
    // New credentials (or none): idle connections of the old ones go, and so does what they saw.
    this.credentials.onChange(() => {
      this.disconnected = false;
      this.reset();
    });
  }

  get openCount(): number {
    return this.open;
  }

  /** Closes idle connections and opens no new ones until the credentials change (the engine is closing). */
  disconnect(): void {
    this.disconnected = true;
    this.reset();
  }

  private reset(): void {
    this.closeIdle();
    this.knownDirs.clear();
    this.listings.invalidate();
  }

  private usableCredentials(): TransferCredentials {
    const credentials = this.disconnected ? null : this.credentials.current();
    if (!credentials) throw new TransferError('credentials_expired', 'No transfer credentials');
    return credentials;
  }

  /** An idle connection, or a new one. Throws TransferError. */
  async acquire(): Promise<FtpConnection> {
    while (this.idle.length > 0) {
      const conn = this.idle.pop()!;
      if (!conn.closed) return conn;
      this.open--;
    }
    const credentials = this.usableCredentials();
    this.open++;
    try {
      await this.ensurePin(credentials);
      return await openConnection(credentials, { timeoutMs: this.timeoutMs, pinnedPem: credentials.tls.fingerprint256 ? this.pinnedPem : null, maxTlsVersion: this.maxTlsVersion });
    } catch (error) {
      this.open--;
      if (error instanceof TransferError && error.code === 'too_many_connections') {
        this.limit = Math.max(1, this.open);
      }
      throw error;
    }
  }

  /** A connection outside the pool's limit (the remote browser's). */
  async connectExtra(): Promise<FtpConnection> {
    const credentials = this.usableCredentials();
    await this.ensurePin(credentials);
    return openConnection(credentials, { timeoutMs: this.timeoutMs, pinnedPem: credentials.tls.fingerprint256 ? this.pinnedPem : null, maxTlsVersion: this.maxTlsVersion });
  }

  private async ensurePin(credentials: TransferCredentials): Promise<void> {
    const pin = credentials.tls.fingerprint256;
    const pinKey = `${credentials.host}:${credentials.port}:${pin ?? ''}`;
    if (pin && (this.pinnedPem === null || this.pinnedFor !== pinKey)) {
      this.pinnedPem = await fetchPinnedCertificate(credentials.host, credentials.port, pin, this.timeoutMs);
      this.pinnedFor = pinKey;
    }
  }

  /** Returns a healthy connection for reuse; a broken one is dropped. */
  release(conn: FtpConnection, healthy: boolean): void {
    if (healthy && !conn.closed && conn.hasDeferred) {
      // Its held RNTO rides on the next command; if no one takes the
      // connection this turn, send it on its own.
      this.idle.push(conn);
      setImmediate(() => {
        const index = this.idle.indexOf(conn);
        if (index < 0) return;
        this.idle.splice(index, 1);
        conn.flush().then(
          () => this.release(conn, true),
          () => this.release(conn, false),
        );
      });
      return;
    }
    if (healthy && !conn.closed && this.open <= this.limit) {
      this.idle.push(conn);
      return;
    }
    conn.close();
    this.open--;
  }

  closeIdle(): void {
    for (const conn of this.idle.splice(0)) {
      conn.close();
      this.open--;
    }
  }
}
