/**
 * The FTP control connection: reads CRLF-terminated commands one at a time
 * (a command is fully answered before the next is read), writes replies,
 * and upgrades itself to TLS on `AUTH TLS` without the race that ftp-srv
 * has: the socket is wrapped synchronously, in the same tick as the 234
 * reply is queued, so the client's ClientHello can never be read as text.
 */
import type net from 'node:net';
import tls from 'node:tls';

const MAX_LINE = 8192;

/** A parsed command line. */
export interface CommandLine {
  verb: string;
  arg: string;
}

export class ControlChannel {
  private socket: net.Socket | tls.TLSSocket;
  private buffer = '';
  private waiting: ((line: CommandLine | null) => void) | null = null;
  private readonly lines: (CommandLine | null)[] = [];
  private closed = false;

  constructor(socket: net.Socket) {
    socket.setNoDelay(true);
    this.socket = socket;
    this.attach(socket);
  }

  get isSecure(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  get remoteAddress(): string {
    return this.socket.remoteAddress ?? '';
  }

  private attach(socket: net.Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('close', () => this.push(null));
    socket.on('error', () => socket.destroy());
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let index: number;
    while ((index = this.buffer.indexOf('\n')) >= 0) {
      const raw = this.buffer.slice(0, index).replace(/\r$/, '');
      this.buffer = this.buffer.slice(index + 1);
      const space = raw.indexOf(' ');
      const verb = (space < 0 ? raw : raw.slice(0, space)).toUpperCase();
      this.push({ verb, arg: space < 0 ? '' : raw.slice(space + 1) });
    }
    if (this.buffer.length > MAX_LINE) {
      this.reply(500, 'Command line too long');
      this.close();
    }
  }

  private push(line: CommandLine | null): void {
    if (line === null) this.closed = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(line);
    } else {
      this.lines.push(line);
    }
  }

  /** Next command, or null once the connection is gone. */
  next(): Promise<CommandLine | null> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift() ?? null);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  reply(code: number, text: string): void {
    if (this.socket.destroyed) return;
    // Replies never echo CR/LF from client input (reply injection).
    this.socket.write(`${code} ${text.replace(/[\r\n]/g, ' ')}\r\n`);
  }

  /** A multi-line reply (`FEAT`, `HELP`). */
  replyLines(code: number, first: string, body: string[], last: string): void {
    if (this.socket.destroyed) return;
    const lines = [`${code}-${first}`, ...body.map((l) => ` ${l}`), `${code} ${last}`];
    this.socket.write(lines.join('\r\n') + '\r\n');
  }

  /**
   * Sends 234 and starts TLS on the same socket immediately. Resolves true
   * when the handshake completed, false when it failed (connection closed).
   */
  upgradeToTls(secureContext: tls.SecureContext): Promise<boolean> {
    const raw = this.socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('close');
    // Pipelined bytes after AUTH TLS would be plaintext smuggled into the
    // secure session: drop them.
    this.buffer = '';
    this.lines.length = 0;
    raw.write('234 AUTH TLS successful\r\n');
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
    this.socket = secure;
    return new Promise((resolve) => {
      secure.once('secure', () => {
        this.attach(secure);
        resolve(true);
      });
      secure.once('error', () => {
        secure.destroy();
        this.push(null);
        resolve(false);
      });
    });
  }

  close(): void {
    this.closed = true;
    this.socket.end();
    this.socket.destroy();
    this.push(null);
  }
}
