/**
 * What one FTPS control session shares with its file commands: the
 * endpoint's services and the per-session state. Its own module so that
 * `session.ts` (the command loop) and `file-commands.ts` both depend on it
 * instead of on each other.
 */
import type net from 'node:net';
import type tls from 'node:tls';
import type { ControlChannel } from './control-channel';
import type { FtpsFileSystem } from './file-system';
import type { PassivePorts, PendingDataConnection } from './passive';

/** What a session needs from its endpoint. */
export interface SessionContext {
  /** A new TLS context with its own ticket keys, one per control connection (`session-tls.ts`). */
  newTlsContext(): tls.SecureContext;
  ports: PassivePorts;
  /** Address data listeners bind to. */
  bindHost: string;
  /** IPv4 address announced in PASV replies. */
  publicHost: string;
  /** False answers EPSV with 502 so clients must use PASV (and its public host). */
  allowEpsv: boolean;
  dataTimeoutMs: number;
  /** Registers a data socket so the endpoint can drop it with the sessions. */
  trackDataSocket(socket: net.Socket): void;
  login(username: string, token: string): Promise<FtpsFileSystem | null>;
}

/** Mutable per-session state the file commands use. */
export interface SessionState {
  channel: ControlChannel;
  fs: FtpsFileSystem;
  cwd: string;
  restOffset: number;
  renameFrom: string | null;
  /** Set by `SITE REPLACE`: the next `RNTO` may replace an existing name. */
  replaceNext: boolean;
  pending: PendingDataConnection | null;
  /** This control connection's TLS context: data connections must resume its sessions. */
  tls: tls.SecureContext;
  ctx: SessionContext;
}
