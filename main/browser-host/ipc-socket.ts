/**
 * The `/ipc` WebSocket endpoint: admits a connection only with the host's
 * random token and its own Origin, forwards requests to the router, and
 * broadcasts core events. Hostile frames get a typed error or a closed socket;
 * the host never crashes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventHub, Router } from '../ports';
import {
  MAX_BINARY_BYTES,
  MAX_MESSAGE_BYTES,
  parseClientMessage,
  type HostMessage,
  type WireRequest,
} from './wire-protocol';

/** Requests one socket may have in flight; more are answered `rate_limited`. */
const MAX_IN_FLIGHT = 64;
/** Staged bytes one socket may have waiting for the disk; past this the socket stops reading (backpressure). */
const MAX_BINARY_BACKLOG = 8 * MAX_BINARY_BYTES;

export interface IpcSocketOptions {
  router: Router;
  events: EventHub;
  /** The host's secret token (base64url of 32 random bytes). */
  token: string;
  /** The only Origin (and Host) allowed to connect, e.g. `http://127.0.0.1:5000`. */
  origin: () => string;
}

/** Constant-time comparison that does not leak the token's length either. */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function refuse(socket: Duplex): void {
  // Destroy only once the answer is flushed, so the client sees a clean 403.
  socket.once('finish', () => socket.destroy());
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

function isAllowedUpgrade(req: IncomingMessage, options: IpcSocketOptions): boolean {
  let url: URL;
  try {
    url = new URL(req.url ?? '', 'http://host.invalid');
  } catch {
    return false;
  }
  if (url.pathname !== '/ipc') return false;
  const origin = options.origin();
  // The Host check stops DNS-rebinding pages; the Origin check stops every other site.
  if (req.headers.host !== new URL(origin).host) return false;
  if (req.headers.origin !== origin) return false;
  const token = url.searchParams.get('token');
  return token !== null && tokensMatch(token, options.token);
}

function send(socket: WebSocket, message: HostMessage): void {
  if (socket.readyState !== socket.OPEN) return;
  try {
    socket.send(JSON.stringify(message));
  } catch {
    socket.terminate();
  }
}

function attachConnection(socket: WebSocket, options: IpcSocketOptions): void {
  let inFlight = 0;
  let backlog = 0;
  // A request that announced a binary frame: the next frame must be exactly its bytes.
  let awaiting: WireRequest | null = null;

  const run = (request: WireRequest, bytes?: Buffer): void => {
    const { id, channel } = request;
    if (inFlight >= MAX_IN_FLIGHT) {
      send(socket, {
        id,
        result: { ok: false, error: { code: 'rate_limited', message: 'Too many requests at once.' } },
      });
      return;
    }
    inFlight += 1;
    const args = bytes
      ? [
          {
            ...(request.args[0] as object),
            data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
          },
        ]
      : request.args;
    if (bytes) {
      backlog += bytes.length;
      if (backlog > MAX_BINARY_BACKLOG && !socket.isPaused) socket.pause();
    }
    options.router
      .handle(channel, args, { trusted: true, description: 'browser-host' })
      .catch(() => ({ ok: false as const, error: { code: 'internal' as const, message: 'Internal error.' } }))
      .then((result) => send(socket, { id, result }))
      .finally(() => {
        inFlight -= 1;
        if (bytes) {
          backlog -= bytes.length;
          if (backlog <= MAX_BINARY_BACKLOG / 2 && socket.isPaused) socket.resume();
        }
      });
  };

  socket.on('error', () => socket.terminate());
  socket.on('message', (raw: RawData, isBinary: boolean) => {
    const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (isBinary) {
      const request = awaiting;
      awaiting = null;
      const bytes = data;
      if (!request) socket.close(1003, 'binary frame without its header');
      else if (bytes.length !== request.binary) socket.close(1008, 'binary frame of the wrong size');
      else run(request, bytes);
      return;
    }
    if (awaiting) {
      socket.close(1008, 'binary frame expected');
      return;
    }
    if (data.length > MAX_MESSAGE_BYTES) {
      socket.close(1009, 'message too large');
      return;
    }
    const parsed = parseClientMessage(data.toString());
    if (parsed.kind === 'fatal') {
      socket.close(1008, parsed.reason);
      return;
    }
    if (parsed.kind === 'ping') {
      send(socket, { pong: parsed.ping });
      return;
    }
    if (parsed.kind === 'reject') {
      send(socket, { id: parsed.id, result: parsed.result });
      return;
    }
    if (parsed.request.binary !== undefined) awaiting = parsed.request;
    else run(parsed.request);
  });
}

/** Attaches `/ipc` to the server; returns a function that closes every socket. */
export function attachIpcSocket(server: Server, options: IpcSocketOptions): () => Promise<void> {
  // Frames up to a staging chunk; text frames are held to MAX_MESSAGE_BYTES above.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(MAX_MESSAGE_BYTES, MAX_BINARY_BYTES),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!isAllowedUpgrade(req, options)) {
      refuse(socket);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachConnection(ws, options));
  });
  const stopEvents = options.events.onAny((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies HostMessage);
    for (const client of wss.clients) {
      if (client.readyState === client.OPEN) client.send(text, (error) => error && client.terminate());
    }
  });
  return () =>
    new Promise<void>((resolve) => {
      stopEvents();
      for (const client of wss.clients) client.terminate();
      wss.close(() => resolve());
    });
}
