import { describe, expect, it } from 'vitest';
import { createBrowserTransport, type SocketLike } from '../../preload/browser-transport';

/** An in-memory socket: the test opens it and answers its frames by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<{ id: number; channel: string; args: unknown[] }> = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { id: number; channel: string; args: unknown[] });
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  answer(channel: string, value: unknown): void {
    const request = [...this.sent].reverse().find((frame) => frame.channel === channel);
    if (!request) throw new Error(`no request for ${channel}`);
    this.onmessage?.({ data: JSON.stringify({ id: request.id, result: { ok: true, value } }) });
  }
  event(event: string, payload: unknown): void {
    this.onmessage?.({ data: JSON.stringify({ event, payload }) });
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
    prefetch: ['auth:get-state', 'app:get-info'],
    initialBackoffMs: 1,
  });
  return { transport, socket: () => sockets[sockets.length - 1]! };
}

describe('browser transport prefetch', () => {
  it('asks the prefetch channels the moment the socket opens, once', () => {
    const { transport, socket } = setup();
    expect(socket().sent).toEqual([]);
    socket().open();
    expect(socket().sent.map((frame) => [frame.channel, frame.args])).toEqual([
      ['auth:get-state', []],
      ['app:get-info', []],
    ]);
    transport.close();
  });

  it('hands the early answer to the first invoke without asking again', async () => {
    const { transport, socket } = setup();
    socket().open();
    socket().answer('auth:get-state', { status: 'signed-out' });
    const result = await transport.invoke('auth:get-state', []);
    expect(result).toEqual({ ok: true, value: { status: 'signed-out' } });
    expect(socket().sent).toHaveLength(2);
    // A second invoke of the same channel always asks main.
    const second = transport.invoke('auth:get-state', []);
    expect(socket().sent).toHaveLength(3);
    socket().answer('auth:get-state', { status: 'signed-in' });
    expect(await second).toEqual({ ok: true, value: { status: 'signed-in' } });
    transport.close();
  });

  it('drops early answers once an event arrived (they may be stale)', async () => {
    const { transport, socket } = setup();
    socket().open();
    socket().answer('auth:get-state', { status: 'signed-out' });
    socket().event('auth:changed', { status: 'signed-in' });
    const fresh = transport.invoke('auth:get-state', []);
    expect(socket().sent.filter((frame) => frame.channel === 'auth:get-state')).toHaveLength(2);
    socket().answer('auth:get-state', { status: 'signed-in' });
    expect(await fresh).toEqual({ ok: true, value: { status: 'signed-in' } });
    transport.close();
  });

  it('never serves an early answer to an invoke with arguments', async () => {
    const { transport, socket } = setup();
    socket().open();
    const withArgs = transport.invoke('app:get-info', ['x']);
    expect(socket().sent).toHaveLength(3);
    socket().answer('app:get-info', 'asked');
    expect(await withArgs).toEqual({ ok: true, value: 'asked' });
    transport.close();
  });

  it('does not prefetch again after a reconnect', async () => {
    const { transport, socket } = setup();
    const first = socket();
    first.open();
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = socket();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent).toEqual([]);
    // The early answers died with the first socket: an invoke now asks the new one.
    const answer = transport.invoke('auth:get-state', []);
    expect(second.sent.map((frame) => frame.channel)).toEqual(['auth:get-state']);
    second.answer('auth:get-state', 'again');
    expect(await answer).toEqual({ ok: true, value: 'again' });
    transport.close();
  });
});
