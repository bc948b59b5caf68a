/**
 * The RFB handshakes on both sides of the gateway. Towards the session host
 * the gateway is the client and answers VNC authentication with the
 * password only it knows; towards the browser it is the server and offers
 * security type None (the launch ticket already proved who the user is).
 * After both, bytes pass through unchanged.
 */
import type { Socket } from 'node:net';
import { vncAuthResponse } from './vnc-auth';

const VERSION = Buffer.from('RFB 003.008\n', 'latin1');

/** Reads exactly `n` bytes at a time from a socket, keeping the rest for later. */
export class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { n: number; resolve: (data: Buffer) => void; reject: (error: Error) => void } | null = null;
  private failed: Error | null = null;

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.settle();
  }

  fail(error: Error): void {
    this.failed ??= error;
    this.settle();
  }

  read(n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting = { n, resolve, reject };
      this.settle();
    });
  }

  /** What arrived beyond the handshake. */
  rest(): Buffer {
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    return rest;
  }

  private settle(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    if (this.buffer.length >= waiting.n) {
      this.waiting = null;
      const data = this.buffer.subarray(0, waiting.n);
      this.buffer = this.buffer.subarray(waiting.n);
      waiting.resolve(data);
    } else if (this.failed) {
      this.waiting = null;
      waiting.reject(this.failed);
    }
  }
}

/** Why the host side of a handshake failed. */
export class HostHandshakeError extends Error {
  override name = 'HostHandshakeError';
}

/** Client side of the handshake with a session host; leaves the socket before ClientInit. */
export async function authenticateToHost(socket: Socket, reader: ByteReader, password: string | null): Promise<void> {
  const version = (await reader.read(12)).toString('latin1');
  if (!/^RFB 003\.\d{3}\n$/.test(version) || version < 'RFB 003.008') throw new HostHandshakeError(`host speaks ${JSON.stringify(version)}`);
  socket.write(VERSION);
  const count = (await reader.read(1))[0]!;
  if (count === 0) throw new HostHandshakeError('host refused the connection');
  const types = [...(await reader.read(count))];
  const wanted = password === null ? 1 : 2;
  if (!types.includes(wanted)) throw new HostHandshakeError(`host offers security types ${types.join(',')}`);
  socket.write(Buffer.from([wanted]));
  if (wanted === 2) socket.write(vncAuthResponse(password!, await reader.read(16)));
  const result = (await reader.read(4)).readUInt32BE(0);
  if (result !== 0) throw new HostHandshakeError('host refused the VNC password');
}

/** Server side of the handshake with the browser: version 3.8, security None. */
export async function greetBrowser(send: (data: Buffer) => void, reader: ByteReader): Promise<void> {
  send(VERSION);
  const version = (await reader.read(12)).toString('latin1');
  if (!/^RFB 003\.\d{3}\n$/.test(version)) throw new Error('not an RFB client');
  send(Buffer.from([1, 1]));
  const choice = (await reader.read(1))[0];
  if (choice !== 1) throw new Error('client chose another security type');
  send(Buffer.from([0, 0, 0, 0]));
}
