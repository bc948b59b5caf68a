/**
 * Raw binary staging chunks on the host's `/ipc` socket: a binary frame is
 * taken only right after a validated JSON header of a staging chunk and only
 * with exactly the announced size; every other binary frame closes the
 * socket, and the host serves on. Also the page's heartbeat (`{ping}` →
 * `{pong}`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { HostServer } from '../../../main/browser-host/host-server';
import { MAX_BINARY_BYTES } from '../../../main/browser-host/wire-protocol';
import type { fakeCore } from './helpers';
import { answerTo, call, closed, startFakeHost, ipcUrl, openSocket } from './helpers';

let host: HostServer;
let core: ReturnType<typeof fakeCore>;
let stopHost: () => Promise<void>;

beforeAll(async () => {
  ({ host, core, close: stopHost } = await startFakeHost());
});

afterAll(() => stopHost());

async function connect(): Promise<WebSocket> {
  const opened = await openSocket(ipcUrl(host.url), host.origin);
  if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
  return opened.socket;
}

const header = (
  id: number,
  binary: unknown,
  channel = 'transfers:upload-chunk',
  args: unknown[] = [{ uploadId: 'u', fileIndex: 0, offset: 0 }],
) => JSON.stringify({ id, channel, args, binary });

describe('binary staging frames', () => {
  it('hands the announced bytes to the router as the chunk data, frame after frame', async () => {
    const socket = await connect();
    const sizes = [1, 1000, MAX_BINARY_BYTES];
    const answers = sizes.map((_, i) => answerTo(socket, 10 + i));
    sizes.forEach((size, i) => {
      socket.send(header(10 + i, size));
      socket.send(Buffer.alloc(size, i + 1));
    });
    await Promise.all(answers);
    const chunks = core.calls.filter((c) => c.channel === 'transfers:upload-chunk').slice(-3);
    chunks.forEach((c, i) => {
      const [arg] = c.args as [{ data: Uint8Array; uploadId: string }];
      expect(arg.uploadId).toBe('u');
      expect(arg.data).toBeInstanceOf(Uint8Array);
      expect(arg.data.length).toBe(sizes[i]);
      expect(arg.data.every((b) => b === i + 1)).toBe(true);
    });
    socket.close();
  });

  it.each([
    ['a binary frame without a header', (s: WebSocket) => s.send(Buffer.from([1, 2, 3])), 1003],
    [
      'a frame shorter than announced',
      (s: WebSocket) => (s.send(header(1, 10)), s.send(Buffer.alloc(9))),
      1008,
    ],
    [
      'a frame longer than announced',
      (s: WebSocket) => (s.send(header(1, 10)), s.send(Buffer.alloc(11))),
      1008,
    ],
    [
      'a text frame where the bytes belong',
      (s: WebSocket) => (
        s.send(header(1, 3)),
        s.send(JSON.stringify({ id: 2, channel: 'apps:list', args: [] }))
      ),
      1008,
    ],
    ['a size past the limit', (s: WebSocket) => s.send(header(1, MAX_BINARY_BYTES + 1)), 1008],
    ['a size of zero', (s: WebSocket) => s.send(header(1, 0)), 1008],
    ['a fractional size', (s: WebSocket) => s.send(header(1, 1.5)), 1008],
    ['bytes announced on another channel', (s: WebSocket) => s.send(header(1, 3, 'auth:sign-in')), 1008],
    [
      'a header that already carries data',
      (s: WebSocket) =>
        s.send(
          header(1, 3, 'transfers:upload-chunk', [{ uploadId: 'u', fileIndex: 0, offset: 0, data: 'x' }]),
        ),
      1008,
    ],
    [
      'a header with two arguments',
      (s: WebSocket) => s.send(header(1, 3, 'transfers:upload-chunk', [{}, {}])),
      1008,
    ],
    ['a malformed ping', (s: WebSocket) => s.send(JSON.stringify({ ping: 'x' })), 1008],
  ])('closes the socket on %s and serves on', async (_name, act, code) => {
    const socket = await connect();
    const done = closed(socket);
    const before = core.calls.length;
    act(socket);
    expect(await done).toBe(code);
    expect(core.calls.length).toBe(before);
    const other = await connect();
    expect(await call(other, { id: 1, channel: 'app:get-info', args: [] }, 1)).toMatchObject({
      result: { ok: true },
    });
    other.close();
  });

  it('answers the heartbeat', async () => {
    const socket = await connect();
    const pong = new Promise((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    socket.send(JSON.stringify({ ping: 7 }));
    expect(await pong).toEqual({ pong: 7 });
    socket.close();
  });
});
