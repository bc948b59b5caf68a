/**
 * Passive-mode data connections. One listener per PASV/EPSV, bound inside
 * the configured port range, accepting exactly one connection from the
 * control connection's own address. The connection is announced by an
 * event (never polled, which cost ftp-srv ~50 ms per file), Nagle is off, and
 * the TLS handshake must resume the control connection's TLS session
 * (anyone else guessing the port cannot complete a resumed handshake).
 */
import net from 'node:net';
import tls from 'node:tls';

/** Allocates ports from an optional [min, max] range, round-robin. */
export class PassivePorts {
  private next: number;
  private readonly inUse = new Set<number>();

  constructor(private readonly range: { min: number; max: number } | null) {
    this.next = range?.min ?? 0;
  }

  /** Listens on a free port of the range (or any port without a range). */
  async listen(host: string): Promise<{ server: net.Server; port: number; release(): void }> {
    if (!this.range) {
      const server = await listenOn(host, 0);
      return { server, port: (server.address() as net.AddressInfo).port, release: () => server.close() };
    }
    const size = this.range.max - this.range.min + 1;
    for (let tries = 0; tries < size; tries++) {
      const port = this.next;
      this.next = port >= this.range.max ? this.range.min : port + 1;
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

/**
 * A pending passive data connection. `connection()` resolves once the client
 * connected and completed a *resumed* TLS handshake, or with a reply code
 * explaining why the transfer cannot happen.
 */
export class PendingDataConnection {
  private readonly result: Promise<DataConnectionResult>;
  private settled = false;
  private socket: tls.TLSSocket | null = null;

  constructor(
    private readonly listener: { server: net.Server; release(): void },
    controlAddress: string,
    secureContext: tls.SecureContext,
    timeoutMs: number,
    track: (socket: net.Socket) => void,
  ) {
    this.result = new Promise<DataConnectionResult>((resolve) => {
      const finish = (value: DataConnectionResult) => {
        if (this.settled) return;
        this.settled = true;
        clearTimeout(timer);
        listener.release();
        resolve(value);
      };
      const timer = setTimeout(
        () => finish({ ok: false, code: 425, message: 'No data connection' }),
        timeoutMs,
      );
      listener.server.on('connection', (raw: net.Socket) => {
        if (this.settled || normalizeAddress(raw.remoteAddress) !== normalizeAddress(controlAddress)) {
          raw.destroy();
          return;
        }
        raw.setNoDelay(true);
        track(raw);
        const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
        secure.once('secure', () => {
          if (!secure.isSessionReused()) {
            secure.destroy();
            finish({
              ok: false,
              code: 522,
              message: 'Data connection must reuse the TLS session of the control connection',
            });
            return;
          }
          this.socket = secure;
          finish({ ok: true, socket: secure });
        });
        secure.once('error', () => {
          secure.destroy();
          finish({ ok: false, code: 425, message: 'TLS negotiation on the data connection failed' });
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
      this.listener.release();
    }
    this.socket?.destroy();
  }
}

function normalizeAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/i, '');
}
