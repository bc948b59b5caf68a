/**
 * One authenticated FTPS control connection (basic-ftp Client): explicit
 * TLS with the pinned certificate, `PROT P`, TLS session reuse for data
 * connections (basic-ftp resumes the control session), PASV replies naming
 * another host refused (basic-ftp's `allowSeparateTransferHost: false`).
 */
import type { Socket } from 'node:net';
import { Client, FTPError, type FTPResponse } from 'basic-ftp';
import { TransferError, classifyError } from './errors';
import { secureOptionsFor } from './tls-pin';
import type { TransferCredentials } from './types';

/** A command held back to travel with the next one (see `FtpConnection.defer`). */
export interface DeferredCommand {
  command: string;
  settle(reply: { code: number; message: string } | Error): void;
}

/** Listings above this are refused (hostile listing floods). */
export const MAX_LISTING_BYTES = 8 * 1024 * 1024;

/** An open connection plus what the server can do. */
export class FtpConnection {
  constructor(
    readonly client: Client,
    /** The server supports `HASH` with SHA-256. */
    readonly canHash: boolean,
    /**
     * The server announced `EPSV`, so transfers may pipeline it with their
     * command. Without it (or once refused) transfers use basic-ftp's path,
     * which checks the host of a PASV reply. Announcing it is what makes it
     * safe: a pipelined `STOR` after a refused `EPSV` could wait on a stale
     * passive listener.
     */
    public epsv = false,
  ) {}

  get closed(): boolean {
    return this.client.closed;
  }

  close(): void {
    this.takeDeferred()?.settle(new TransferError('connection_failed', 'The connection closed before the rename was confirmed', true));
    this.client.close();
  }

  private deferred: DeferredCommand | null = null;

  /**
   * Holds `command` so it travels in front of whatever this connection
   * sends next (the next file's pipelined transfer, usually): a verified
   * upload's `RNTO` then costs no round trip of its own. Nothing may be sent
   * between the `RNFR` already sent and this. The pool flushes a held
   * command when no one picks the connection up.
   */
  defer(command: string): Promise<{ code: number; message: string }> {
    assertSafeCommandArg(command);
    return new Promise((resolve, reject) => {
      this.deferred = { command, settle: (reply) => (reply instanceof Error ? reject(reply) : resolve(reply)) };
    });
  }

  get hasDeferred(): boolean {
    return this.deferred !== null;
  }

  /** Takes the held command: the caller sends it first and settles it with its reply. */
  takeDeferred(): DeferredCommand | null {
    const held = this.deferred;
    this.deferred = null;
    return held;
  }

  /** Sends a held command on its own. */
  async flush(): Promise<void> {
    const held = this.takeDeferred();
    if (!held) return;
    try {
      const res = await this.client.sendIgnoringError(held.command);
      held.settle({ code: res.code, message: res.message });
    } catch (error) {
      held.settle(error as Error);
      throw error;
    }
  }

  /** Commands sent through `probe` so far (a pipelined RNFR must be followed by RNTO directly). */
  probes = 0;

  /** Sends a command and returns the reply code, never throwing on 4xx/5xx replies. */
  async probe(command: string): Promise<{ code: number; message: string }> {
    this.probes++;
    await this.flush();
    const res = await this.client.sendIgnoringError(command);
    return { code: res.code, message: res.message };
  }

  /** Size of a remote file, or null when it does not exist / is not a file. */
  async sizeOf(remotePath: string): Promise<number | null> {
    const res = await this.probe(`SIZE ${remotePath}`);
    if (res.code !== 213) return null;
    const n = Number(res.message.replace(/^213\s*/, '').trim());
    return Number.isSafeInteger(n) && n >= 0 ? n : null;
  }

  /** Modification time of a remote file, or null. */
  async modifiedAt(remotePath: string): Promise<Date | null> {
    const res = await this.probe(`MDTM ${remotePath}`);
    const m = /^213\s*(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(res.message);
    if (res.code !== 213 || !m) return null;
    return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  }

  /**
   * Sends several commands in one write and collects one final reply per
   * command, in order (RFC 959 servers answer commands in sequence; vsftpd
   * and our endpoint read pipelined lines). Saves a round trip per extra
   * command, e.g. `RNFR`+`RNTO`. Never throws on 4xx/5xx replies.
   */
  async pipelined(commands: string[]): Promise<{ code: number; message: string }[]> {
    for (const command of commands) assertSafeCommandArg(command);
    await this.flush();
    const replies: { code: number; message: string }[] = [];
    const ftp = this.client.ftp;
    const done = ftp.handle(undefined, (res, task) => {
      if (res instanceof FTPError) replies.push({ code: res.code, message: res.message });
      else if (res instanceof Error) return task.reject(res);
      else if (res.code >= 200) replies.push({ code: res.code, message: res.message });
      // 1xx replies are preliminary: the final reply of that command follows.
      if (replies.length === commands.length) task.resolve(replies);
    });
    // One write, so the commands travel in one TLS record. basic-ftp's
    // `send` refuses CR/LF (injection guard), so we write ourselves; every
    // command was checked above for CR/LF/NUL.
    try {
      ftp.socket.write(commands.map((c) => `${c}\r\n`).join(''), ftp.encoding);
    } catch (error) {
      ftp.closeWithError(error as Error);
    }
    return (await done) as { code: number; message: string }[];
  }

  /** SHA-256 of a remote file (lower-case hex) when the server can hash, else null. */
  async sha256Of(remotePath: string): Promise<string | null> {
    if (!this.canHash) return null;
    const res = await this.probe(`HASH ${remotePath}`);
    if (res.code !== 213) return null;
    const m = /SHA-256\s+\S+\s+([0-9a-fA-F]{64})/.exec(res.message);
    return m ? m[1]!.toLowerCase() : null;
  }
}

/**
 * The SHA-256 a server put in its transfer-complete reply
 * (`226 Transfer complete; X-SHA256 <hex>`, sent by our endpoint for whole-file
 * transfers), or null. Saves a `HASH` round trip and a server-side re-read.
 */
export function transferReplySha256(reply: FTPResponse | undefined): string | null {
  const m = reply && reply.code === 226 ? /X-SHA256[ =]([0-9a-fA-F]{64})\b/.exec(reply.message) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** Options for opening connections. */
export interface ConnectOptions {
  timeoutMs: number;
  /** PEM of the pinned certificate (from `fetchPinnedCertificate`), or null for system CAs. */
  pinnedPem: string | null;
  /** Caps the TLS version (tests prove session reuse on TLS 1.2 and 1.3). */
  maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
}

function assertSafeCommandArg(value: string): void {
  if (/[\r\n\0]/.test(value)) throw new TransferError('unsafe_name', 'Credentials contain forbidden characters');
}

/**
 * Small commands and small files must not wait for Nagle's algorithm:
 * with it on, each file cost several extra milliseconds. basic-ftp creates
 * data sockets through `FTPContext._newSocket`, so we wrap that on this
 * instance (checked at runtime, in case a future version renames it).
 */
function disableNagle(client: Client): void {
  const ftp = client.ftp as unknown as { _newSocket?: () => Socket };
  const original = ftp._newSocket;
  if (typeof original !== 'function') return;
  ftp._newSocket = function (this: unknown) {
    const socket = original.call(this);
    socket.setNoDelay(true);
    return socket;
  };
}

/** Opens and logs in one connection. Refuses anything that isn't FTPS. */
export async function openConnection(credentials: TransferCredentials, options: ConnectOptions): Promise<FtpConnection> {
  assertSafeCommandArg(credentials.username);
  assertSafeCommandArg(credentials.token);
  const client = new Client(options.timeoutMs, { allowSeparateTransferHost: false, maxListingBytes: MAX_LISTING_BYTES });
  disableNagle(client);
  try {
    await client.connect(credentials.host, credentials.port);
    client.ftp.socket.setNoDelay(true);
    const secureOptions = secureOptionsFor(options.pinnedPem, credentials.tls.fingerprint256, options.maxTlsVersion);
    secureOptions.host = credentials.host;
    try {
      await client.useTLS(secureOptions);
    } catch (error) {
      const classified = classifyError(error);
      if (classified.code === 'remote_error' || classified.code === 'permission_denied' || classified.code === 'interrupted') {
        throw new TransferError('not_ftps', 'The server does not offer FTPS; plain FTP is never used');
      }
      throw classified;
    }
    client.ftp.socket.setNoDelay(true);
    await client.login(credentials.username, credentials.token);
    await client.useDefaultSettings();
    // useDefaultSettings ignores errors on PROT P; we don't: no clear-text data.
    const prot = await client.sendIgnoringError('PROT P');
    if (prot.code !== 200) throw new TransferError('not_ftps', 'The server refused PROT P (encrypted data connections)');
    const features = await client.features();
    const hash = features.get('HASH') ?? '';
    return new FtpConnection(client, /SHA-256/i.test(hash), features.has('EPSV'));
  } catch (error) {
    client.close();
    throw classifyError(error);
  }
}
