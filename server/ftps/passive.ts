/**
 * Passive-mode data connections. One listener per PASV/EPSV, on a random
 * port of the configured range, taking one connection from the control
 * connection's own address. The connection is announced by an event (never
 * polled, which cost ftp-srv ~50 ms per file) and Nagle is off.
 *
 * The data connection belongs to its control connection: its TLS handshake
 * must resume a session of *that* control connection. Each control
 * connection gets a TLS context of its own (`session-tls.ts`) whose ticket
 * keys no other connection shares, so a resumed handshake on that context
 * proves the client holds a ticket this control connection issued. A
 * session resumed from anyone else's connection (an attacker's own AUTH TLS
 * from the same address) cannot be decrypted, the handshake falls back to a
 * full one, and that socket is closed without a byte while the listener
 * waits on for the real client until the accept window ends.
 */
import { randomInt } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

/**
 * Allocates ports from an optional [min, max] range. Each listener starts at
 * a random port of the range (then tries the next ones if it is taken), so
 * the port of the next PASV cannot be guessed from the last one.
 */
export class PassivePorts {
  private readonly inUse = new Set<number>();

  constructor(private readonly range: { min: number; max: number } | null) {}

  /** Listens on a free port of the range (or any port without a range). */
  async listen(host: string): Promise<{ server: net.Server; port: number; release(): void }> {
    if (!this.range) {
      const server = await listenOn(host, 0);
      return { server, port: (server.address() as net.AddressInfo).port, release: () => server.close() };
    }
    const size = this.range.max - this.range.min + 1;
    const start = randomInt(size);
    for (let tries = 0; tries < size; tries++) {
      const port = this.range.min + ((start + tries) % size);
      if (this.inUse.has(port)) continue;
      this.inUse.add(port);
      try {
        const server = await listenOn(host, port);
        return {
          server,
          port,
          release: () => {
            server.close();
            this.inUse.delete(port);
          },
        };
      } catch {
        this.inUse.delete(port);
      }
    }
    throw new Error('No passive port free');
  }
}

function listenOn(host: string, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ pauseOnConnect: true });
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** What a data command gets: a ready, TLS-protected socket or why not. */
export type DataConnectionResult =
  { ok: true; socket: tls.TLSSocket } | { ok: false; code: number; message: string };

/** Handshakes that may run at once on one listener; more connections are dropped. */
const MAX_HANDSHAKES = 8;

/**
 * A pending passive data connection. `connection()` resolves once a client
 * from the control connection's address completed a handshake that resumed
 * this control connection's TLS session, or with a reply code once the
 * accept window ends without one.
 */
export class PendingDataConnection {
  private readonly result: Promise<DataConnectionResult>;
  private settled = false;
  private socket: tls.TLSSocket | null = null;
  private readonly handshaking = new Set<tls.TLSSocket>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly listener: { server: net.Server; release(): void },
    controlAddress: string,
    /** The control connection's own context: only its tickets resume here. */
    sessionContext: tls.SecureContext,
    timeoutMs: number,
    track: (socket: net.Socket) => void,
  ) {
    this.result = new Promise<DataConnectionResult>((resolve) => {
      const finish = (value: DataConnectionResult) => {
        if (this.settled) return;
        this.settled = true;
        this.stopWaiting();
        // Whoever else is still handshaking lost the race: not ours.
        for (const other of this.handshaking) other.destroy();
        this.handshaking.clear();
        resolve(value);
      };
      this.timer = setTimeout(
        () =>
          finish({
            ok: false,
            code: 425,
            message: 'No data connection (it must resume the TLS session of this control connection)',
          }),
        timeoutMs,
      );
      listener.server.on('connection', (raw: net.Socket) => {
        if (
          this.settled ||
          this.handshaking.size >= MAX_HANDSHAKES ||
          normalizeAddress(raw.remoteAddress) !== normalizeAddress(controlAddress)
        ) {
          raw.destroy();
          return;
        }
        raw.setNoDelay(true);
        track(raw);
        const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: sessionContext });
        this.handshaking.add(secure);
        // A handshake never outlives the accept window, even after a cancel.
        const stalled = setTimeout(() => secure.destroy(), timeoutMs);
        secure.once('close', () => clearTimeout(stalled));
        secure.once('secure', () => {
          clearTimeout(stalled);
          this.handshaking.delete(secure);
          // Not resumed means the ticket was not sealed by this control
          // connection's context: someone else's session. Drop it, keep waiting.
          if (!secure.isSessionReused()) {
            secure.destroy();
            return;
          }
          // The command was refused (e.g. 550) before the client's data
          // connection was up: close it cleanly so the client reads the reply,
          // not a reset.
          if (this.settled) {
            secure.end();
            return;
          }
          this.socket = secure;
          finish({ ok: true, socket: secure });
        });
        secure.once('error', () => {
          clearTimeout(stalled);
          this.handshaking.delete(secure);
          secure.destroy();
        });
        raw.resume();
      });
    });
  }

  connection(): Promise<DataConnectionResult> {
    return this.result;
  }

  /** Drops the listener and any connected socket (ABOR, new PASV, session end). */
  cancel(): void {
    if (!this.settled) {
      this.settled = true;
      this.stopWaiting();
    }
    this.socket?.destroy();
  }

  private stopWaiting(): void {
    clearTimeout(this.timer);
    this.listener.release();
  }
}

function normalizeAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/i, '');
}
