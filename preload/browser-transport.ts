/**
 * The browser page's transport to the browser host: one WebSocket to
 * `/ipc?token=...` on the page's own host, request ids, reconnect with
 * backoff. Wrapped by `createDesktopApi`, it gives the page the same
 * `DesktopApi` as `window.portico` in Electron.
 */
import type { BridgeTransport, DesktopApi, InvokeChannel, Result } from '../common/contract';
import { createDesktopApi } from './bridge';
import { createListenerRegistry } from './listeners';

/** Largest frame accepted from the host (same limit as the host applies). */
const MAX_MESSAGE_CHARS = 256 * 1024;
const TOKEN_KEY = 'portico.hostToken';

/** The subset of the WebSocket API the transport uses (browser or `ws`). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
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

function connectionFailed(message: string): Result<never> {
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

  const failPending = (): void => {
    const answers = [...pending.values()];
    pending.clear();
    for (const answer of answers) answer(connectionFailed('The connection to the desktop service was lost.'));
  };

  const dispatch = (raw: unknown): void => {
    if (typeof raw !== 'string' || raw.length > MAX_MESSAGE_CHARS) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { id, result, event, payload } = message as Record<string, unknown>;
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
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      prefetched.clear();
      failPending();
      scheduleReconnect();
    };
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
      try {
        current.send(JSON.stringify({ id, channel, args }));
      } catch {
        pending.delete(id);
        resolve(connectionFailed('The request could not be sent.'));
      }
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

/**
 * Reads the host token from `#token=...` (keeping it in sessionStorage so a
 * reload still works), removes it from the address bar, and returns it.
 */
export function takeHostToken(): string | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // The token must not linger in the address bar, history or screenshots.
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** What the renderer asks first (`startRenderer`): asked as soon as the socket opens. */
const FIRST_STATE_CHANNELS = ['auth:get-state', 'app:get-info', 'portal:get-branding'] as const satisfies readonly InvokeChannel[];

/** How long `connectBrowserApi` waits for the first connection before handing back the API anyway. */
const FIRST_CONNECT_WAIT_MS = 10_000;

/**
 * The browser page's DesktopApi. Without a token every invoke answers
 * `connection_failed` (the page was opened without the host's address).
 */
export async function connectBrowserApi(): Promise<DesktopApi> {
  const token = takeHostToken();
  if (!token) {
    return createDesktopApi({
      invoke: async () =>
        connectionFailed(
          'Open Portico with the address the browser host printed (it carries the access key).',
        ),
      on: () => () => {},
    });
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createBrowserTransport({
    url: `${scheme}://${location.host}/ipc?token=${encodeURIComponent(token)}`,
    prefetch: FIRST_STATE_CHANNELS,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    transport.ready(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS))),
  ]);
  clearTimeout(timer);
  return createDesktopApi(transport);
}
