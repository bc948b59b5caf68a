/**
 * The page's heartbeat and binary chunks, on a scripted socket and a fake
 * clock: a host that stops answering counts as gone after
 * HEARTBEAT_MISSES beats (the page says so within 5 s), a closed socket at
 * once; staging chunks go out as a JSON header and then the raw bytes, in
 * the order asked, and wait while the socket's `bufferedAmount` is high.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBrowserTransport,
  HEARTBEAT_MISSES,
  HEARTBEAT_MS,
  HOST_CONNECTION_EVENT,
  MAX_BUFFERED_BYTES,
  type SocketLike,
} from '../../preload/browser-transport';

class FakeSocket implements SocketLike {
  readyState = 0;
  bufferedAmount = 0;
  frames: Array<string | Uint8Array> = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string | Uint8Array): void {
    this.frames.push(data);
  }
  close(code?: number): void {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
    this.onclose?.({});
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  pings(): number[] {
    return this.frames.flatMap((f) =>
      typeof f === 'string' && 'ping' in JSON.parse(f) ? [(JSON.parse(f) as { ping: number }).ping] : [],
    );
  }
  reply(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const transport = createBrowserTransport({
    url: 'ws://127.0.0.1:1/ipc?token=t',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    initialBackoffMs: 60_000,
  });
  const seen: boolean[] = [];
  transport.on(HOST_CONNECTION_EVENT, (payload) => seen.push((payload as { connected: boolean }).connected));
  return { transport, sockets, seen, socket: () => sockets[sockets.length - 1]! };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('browser transport heartbeat', () => {
  it('pings every beat and stays connected while the host answers', () => {
    const { transport, socket, seen } = setup();
    socket().open();
    for (let beat = 1; beat <= 20; beat++) {
      vi.advanceTimersByTime(HEARTBEAT_MS);
      socket().reply({ pong: beat });
    }
    expect(socket().pings()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen).toEqual([]);
    expect(transport.isConnected()).toBe(true);
    transport.close();
  });

  it('counts a silent host as gone within 5 s: pending calls fail, the page is told, the socket is closed', async () => {
    const { transport, socket, seen } = setup();
    socket().open();
    const pending = transport.invoke('apps:list', []);
    vi.advanceTimersByTime(HEARTBEAT_MS * HEARTBEAT_MISSES);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(HEARTBEAT_MS * (HEARTBEAT_MISSES + 1)).toBeLessThanOrEqual(5_000);
    expect(seen).toEqual([false]);
    expect(socket().closedWith).toBe(4000);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'connection_failed' } });
    expect(transport.isConnected()).toBe(false);
    transport.close();
  });

  it('says at once when the socket closes, and again when a reconnect succeeds', () => {
    const { transport, sockets, socket, seen } = setup();
    socket().open();
    socket().close(1006);
    expect(seen).toEqual([false]);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
    socket().open();
    expect(seen).toEqual([false, true]);
    transport.close();
  });
});

describe('browser transport binary chunks', () => {
  it('sends a header then the raw bytes, in the order asked, and waits while bufferedAmount is high', async () => {
    const { transport, socket } = setup();
    socket().open();
    const first = new Uint8Array([1, 2, 3]);
    const second = new Uint8Array([4, 5]);
    socket().bufferedAmount = MAX_BUFFERED_BYTES + 1;
    void transport.invoke('transfers:upload-chunk', [
      { uploadId: 'u', fileIndex: 0, offset: 0, data: first },
    ]);
    void transport.invoke('transfers:upload-chunk', [
      { uploadId: 'u', fileIndex: 0, offset: 3, data: second },
    ]);
    await vi.advanceTimersByTimeAsync(50);
    expect(socket().frames).toEqual([]);
    socket().bufferedAmount = 0;
    await vi.advanceTimersByTimeAsync(5);
    const [h1, b1, h2, b2] = socket().frames;
    expect(JSON.parse(h1 as string)).toEqual({
      id: 1,
      channel: 'transfers:upload-chunk',
      args: [{ uploadId: 'u', fileIndex: 0, offset: 0 }],
      binary: 3,
    });
    expect(b1).toBe(first);
    expect(JSON.parse(h2 as string)).toMatchObject({ args: [{ offset: 3 }], binary: 2 });
    expect(b2).toBe(second);
    transport.close();
  });

  it('sends other channels as JSON only', () => {
    const { transport, socket } = setup();
    socket().open();
    void transport.invoke('apps:list', []);
    expect(socket().frames).toEqual([JSON.stringify({ id: 1, channel: 'apps:list', args: [] })]);
    transport.close();
  });
});
