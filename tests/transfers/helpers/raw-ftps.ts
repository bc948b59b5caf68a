/**
 * A bare FTPS client for attack tests: every command and every data
 * connection is in the test's hands (which TLS session a data connection
 * resumes, who connects first), which a real client library never allows.
 */
import net from 'node:net';
import tls from 'node:tls';

export interface Reply {
  code: number;
  text: string;
}

export class RawFtps {
  private socket: net.Socket | tls.TLSSocket;
  private buffer = '';
  private readonly replies: Reply[] = [];
  private waiting: ((reply: Reply) => void) | null = null;
  private closed = false;
  private closeWaiters: (() => void)[] = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Connects and reads the greeting. */
  static async connect(port: number): Promise<{ client: RawFtps; greeting: Reply }> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawFtps(socket);
    return { client, greeting: await client.reply() };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private attach(socket: net.Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let index: number;
      while ((index = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, index);
        this.buffer = this.buffer.slice(index + 2);
        const match = /^(\d{3}) (.*)$/.exec(line);
        if (!match) continue; // continuation lines of a multi-line reply
        const reply = { code: Number(match[1]), text: match[2] ?? '' };
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = null;
          resolve(reply);
        } else {
          this.replies.push(reply);
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (socket !== this.socket) return;
      this.closed = true;
      for (const done of this.closeWaiters.splice(0)) done();
    });
  }

  /** The next reply (rejects if none comes within 10 s). */
  reply(): Promise<Reply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No reply within 10 s')), 10_000);
      this.waiting = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
    });
  }

  /** Resolves once the server closed the control connection. */
  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  async send(line: string): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** `AUTH TLS`, then the handshake; resolves once a session ticket is in hand. */
  async authTls(): Promise<void> {
    const answer = await this.send('AUTH TLS');
    if (answer.code !== 234) throw new Error(`AUTH TLS refused: ${answer.code}`);
    const raw = this.socket;
    raw.removeAllListeners('data');
    const secure = tls.connect({ socket: raw, rejectUnauthorized: false });
    this.socket = secure;
    this.attach(secure);
    // Resolved on the next turn: writing from inside the 'session' callback
    // (OpenSSL is still reading the ticket) corrupts the TLS record stream.
    await new Promise<void>((resolve, reject) =>
      secure.once('session', () => setImmediate(resolve)).once('error', reject),
    );
  }

  /** This control connection's TLS session, as a client resumes it. */
  session(): Buffer {
    const session = (this.socket as tls.TLSSocket).getSession();
    if (!session) throw new Error('No TLS session');
    return session;
  }

  /** AUTH TLS, login, PBSZ 0, PROT P, TYPE I. */
  async login(username: string, token: string): Promise<void> {
    await this.authTls();
    for (const [line, code] of [
      [`USER ${username}`, 331],
      [`PASS ${token}`, 230],
      ['PBSZ 0', 200],
      ['PROT P', 200],
      ['TYPE I', 200],
    ] as const) {
      const answer = await this.send(line);
      if (answer.code !== code) throw new Error(`${line.split(' ')[0]} got ${answer.code} ${answer.text}`);
    }
  }

  /** `PASV` → the announced port. */
  async pasv(): Promise<number> {
    const answer = await this.send('PASV');
    const match = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(answer.text);
    if (answer.code !== 227 || !match) throw new Error(`PASV got ${answer.code} ${answer.text}`);
    return Number(match[5]) * 256 + Number(match[6]);
  }

  /** Sends a command without waiting for its reply (a transfer answers 150 once its data connection is up). */
  write(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A data connection resuming `session`, with everything it received. */
export interface DataConnection {
  socket: tls.TLSSocket;
  /** Bytes received so far. */
  received(): Buffer;
  /** Whether the handshake resumed the given session (null before it completed). */
  resumed(): boolean | null;
  /** Resolves once the server closed it (or it failed). */
  closed: Promise<void>;
  /**
   * Resolves once the handshake completed and the server either closed the
   * socket or sent a ticket (or half a second passed: a server that accepted
   * a resumed session may send no new ticket).
   */
  settled: Promise<void>;
}

/** `promise`, or undefined once `ms` passed: attack tests fail on their assertions, not on a hang. */
export function within<T>(promise: Promise<T>, ms = 5000): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

export function openData(port: number, session: Buffer): DataConnection {
  const socket = tls.connect({ host: '127.0.0.1', port, session, rejectUnauthorized: false });
  const chunks: Buffer[] = [];
  let resumed: boolean | null = null;
  socket.once('secureConnect', () => (resumed = socket.isSessionReused()));
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const settled = new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.once('secureConnect', () => {
      socket.once('session', () => setImmediate(resolve));
      setTimeout(resolve, 500).unref();
    });
  });
  return { socket, received: () => Buffer.concat(chunks), resumed: () => resumed, closed, settled };
}
