/**
 * The browser page's transport to the browser host: one WebSocket to
 * `/ipc?token=...` on the page's own host, request ids, reconnect with
 * backoff. Wrapped by `createDesktopApi`, it gives the page the same
 * `DesktopApi` as `window.portico` in Electron.
 */
import type { BridgeTransport, InvokeChannel, Result } from '../common/contract';
import { createListenerRegistry } from './listeners';

/** Largest frame accepted from the host (same limit as the host applies). */
const MAX_MESSAGE_CHARS = 256 * 1024;
/** The page's heartbeat: a `{ping}` this often, answered `{pong}` by the host. */
export const HEARTBEAT_MS = 1000;
/** Heartbeats without a word from the host after which it counts as gone (3–4 s, so the page says so within 5 s). */
export const HEARTBEAT_MISSES = 3;
/** Bytes the socket may hold unsent before a binary chunk waits (`bufferedAmount`). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Channels whose `data` bytes travel as a raw binary frame after a JSON header (see wire-protocol.ts). */
const BINARY_CHANNELS: ReadonlySet<string> = new Set(['transfers:upload-chunk']);
/** The transport's own event: the host connection came or went (never sent by main). */
export const HOST_CONNECTION_EVENT = 'desktop:host-connection';

/** The subset of the WebSocket API the transport uses (browser or `ws`). */
export interface SocketLike {
  readyState: number;
  /** Bytes queued but not yet sent (0 where unknown). */
  bufferedAmount?: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface BrowserTransportOptions {
  /** Full `ws(s)://host/ipc?token=...` address. */
  url: string;
  /** Socket factory (defaults to the global WebSocket). */
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Read-only, argument-less channels to ask the moment the socket first
   * opens (fast start: the page's first state is on its way while the app's
   * code still loads). The first `invoke` of such a channel takes that
   * answer, unless an event arrived since: then it asks again.
   */
  prefetch?: readonly InvokeChannel[];
}

/** A transport plus what the page needs to manage it. */
export interface BrowserTransport extends BridgeTransport {
  /** Resolves once the socket is open (immediately when it already is). */
  ready(): Promise<void>;
  isConnected(): boolean;
  /** Closes for good: no more reconnects; pending invokes fail. */
  close(): void;
}

const OPEN = 1;

export function connectionFailed(message: string): Result<never> {
  return { ok: false, error: { code: 'connection_failed', message } };
}

/** Creates the transport and starts connecting. */
export function createBrowserTransport(options: BrowserTransportOptions): BrowserTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const initialBackoff = options.initialBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = createListenerRegistry();
  let waiters: Array<() => void> = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let backoff = initialBackoff;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let prefetchPending = options.prefetch !== undefined && options.prefetch.length > 0;
  const prefetched = new Map<string, Promise<unknown>>();
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let missed = 0;
  let connected: boolean | null = null;
  let binaryQueue: Promise<void> = Promise.resolve();

  const setConnected = (now: boolean): void => {
    if (connected === now) return;
    const first = connected === null;
    connected = now;
    // A page that never connected hears nothing until it does (its first state says enough).
    if (first && now) return;
    listeners.deliver(HOST_CONNECTION_EVENT, { connected: now });
  };

  const stopHeartbeat = (): void => {
    if (heartbeat !== null) clearInterval(heartbeat);
    heartbeat = null;
  };

  const failPending = (): void => {
    const answers = [...pending.values()];
    pending.clear();
    for (const answer of answers) answer(connectionFailed('The connection to the desktop service was lost.'));
  };

  const dispatch = (raw: unknown): void => {
    missed = 0;
    if (typeof raw !== 'string' || raw.length > MAX_MESSAGE_CHARS) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { id, result, event, payload } = message as Record<string, unknown>;
    if ('pong' in message) return;
    if (typeof id === 'number') {
      const answer = pending.get(id);
      pending.delete(id);
      answer?.(result);
    } else if (typeof event === 'string') {
      // Something changed in main: an answer asked for before it may be stale.
      prefetched.clear();
      listeners.deliver(event, payload);
    }
  };

  const connect = (): void => {
    if (closed) return;
    let current: SocketLike;
    try {
      current = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      backoff = initialBackoff;
      setConnected(true);
      missed = 0;
      stopHeartbeat();
      let ping = 0;
      heartbeat = setInterval(() => {
        if (socket !== current) return;
        if (missed >= HEARTBEAT_MISSES) {
          // No answer for several beats: the host is gone or stuck, even if the socket looks open.
          lose(current);
          current.close(4000, 'heartbeat lost');
          return;
        }
        missed += 1;
        try {
          current.send(JSON.stringify({ ping: (ping += 1) }));
        } catch {
          lose(current);
        }
      }, HEARTBEAT_MS);
      if (prefetchPending) {
        prefetchPending = false;
        for (const channel of options.prefetch ?? []) prefetched.set(channel, send(channel, []));
      }
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    };
    current.onmessage = (event) => dispatch(event.data);
    current.onerror = () => {
      // `close` follows and does the work.
    };
    current.onclose = () => lose(current);
  };

  /** The socket `lost` is done with: pending calls fail, the page is told, reconnects start. */
  const lose = (lost: SocketLike): void => {
    if (socket !== lost) return;
    socket = null;
    stopHeartbeat();
    prefetched.clear();
    failPending();
    setConnected(false);
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    if (closed || retryTimer !== null) return;
    const delay = backoff;
    backoff = Math.min(backoff * 2, maxBackoff);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  /** Waits until the socket has room (`bufferedAmount`), so big uploads never pile up in the page. */
  const room = async (current: SocketLike): Promise<void> => {
    while ((current.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES && socket === current) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };

  const send = (channel: string, args: unknown[]): Promise<unknown> =>
    new Promise<unknown>((resolve) => {
      const current = socket;
      if (closed || !current || current.readyState !== OPEN) {
        resolve(connectionFailed('The desktop service is not connected.'));
        return;
      }
      const id = nextId;
      nextId += 1;
      pending.set(id, resolve);
      const first = args[0] as { data?: unknown } | undefined;
      const bytes = BINARY_CHANNELS.has(channel) && first?.data instanceof Uint8Array && first.data.length > 0 ? first.data : null;
      const sendNow = (): void => {
        try {
          if (!bytes) {
            current.send(JSON.stringify({ id, channel, args }));
            return;
          }
          // Header and bytes go out back to back: nothing may come between them on the socket.
          const { data: _bytes, ...header } = first as Record<string, unknown>;
          current.send(JSON.stringify({ id, channel, args: [header], binary: bytes.length }));
          current.send(bytes);
        } catch {
          pending.delete(id);
          resolve(connectionFailed('The request could not be sent.'));
        }
      };
      if (!bytes) {
        sendNow();
        return;
      }
      // Binary chunks leave in the order they were asked for (a file's chunks must arrive in order).
      binaryQueue = binaryQueue
        .then(() => room(current))
        .then(() => {
          if (socket === current && pending.has(id)) sendNow();
        });
    });

  connect();

  return {
    invoke: (channel, args) => {
      const early = args.length === 0 ? prefetched.get(channel) : undefined;
      // Each prefetched answer serves one invoke; later ones always ask main.
      prefetched.delete(channel);
      return early ?? send(channel, args);
    },
    on: (event, listener) => listeners.on(event, listener),
    ready: () =>
      socket?.readyState === OPEN ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    isConnected: () => socket?.readyState === OPEN,
    close: () => {
      closed = true;
      stopHeartbeat();
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const current = socket;
      socket = null;
      prefetched.clear();
      current?.close(1000, 'closed');
      failPending();
    },
  };
}
