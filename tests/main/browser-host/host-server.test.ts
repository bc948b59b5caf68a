import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { HostServer } from '../../../main/browser-host/host-server';
import type { fakeCore } from './helpers';
import { call, closed, startFakeHost, ipcUrl, openSocket, rawGet } from './helpers';

let host: HostServer;
let core: ReturnType<typeof fakeCore>;
let stopHost: () => Promise<void>;

beforeAll(async () => {
  ({ host, core, close: stopHost } = await startFakeHost());
});

afterAll(() => stopHost());

describe('static files', () => {
  it('serves index.html for / with the CSP and security headers', async () => {
    const res = await rawGet(host.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Portico</title>');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:${host.port}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their content types', async () => {
    const js = await rawGet(host.port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toContain("script-src 'self'");
    const css = await rawGet(host.port, '/assets/style.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/assets/link.txt',
    '//../secret.txt',
  ])('never serves files outside the renderer: %s', async (path) => {
    const res = await rawGet(host.port, path);
    expect(res.body).not.toContain('TOP-SECRET');
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await rawGet(host.port, '/nope.js')).status).toBe(404);
    expect((await rawGet(host.port, '/assets')).status).toBe(404);
    expect((await rawGet(host.port, '/', { method: 'POST' })).status).toBe(405);
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    const res = await rawGet(host.port, '/', { headers: { Host: `evil.example:${host.port}` } });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('Portico');
  });
});

describe('ipc socket admission', () => {
  it('puts a 32-byte token in the page URL', () => {
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token') ?? '';
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('refuses a wrong token', async () => {
    const bad = await openSocket(ipcUrl(host.url, 'A'.repeat(43)), host.origin);
    expect(bad).toEqual({ refused: 403 });
    expect(await openSocket(ipcUrl(host.url, ''), host.origin)).toEqual({ refused: 403 });
    expect(await openSocket(`ws://127.0.0.1:${host.port}/ipc`, host.origin)).toEqual({ refused: 403 });
  });

  it('refuses a wrong or missing Origin even with the right token', async () => {
    expect(await openSocket(ipcUrl(host.url), 'http://evil.example')).toEqual({ refused: 403 });
    expect(await openSocket(ipcUrl(host.url), `http://localhost:${host.port}`)).toEqual({ refused: 403 });
    expect(await openSocket(ipcUrl(host.url), undefined)).toEqual({ refused: 403 });
  });

  it('refuses other paths', async () => {
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token') ?? '';
    expect(await openSocket(`ws://127.0.0.1:${host.port}/other?token=${token}`, host.origin)).toEqual({
      refused: 403,
    });
  });
});

describe('ipc messages', () => {
  async function connect(): Promise<WebSocket> {
    const opened = await openSocket(ipcUrl(host.url), host.origin);
    if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
    return opened.socket;
  }

  it('forwards invokes to the router as a trusted browser-host sender', async () => {
    const socket = await connect();
    const answer = await call(socket, { id: 7, channel: 'apps:list', args: [] }, 7);
    expect(answer).toEqual({ id: 7, result: { ok: true, value: { channel: 'apps:list', args: [] } } });
    expect(core.calls.at(-1)).toEqual({
      channel: 'apps:list',
      args: [],
      sender: { trusted: true, description: 'browser-host' },
    });
    socket.close();
  });

  it('broadcasts core events to connected sockets', async () => {
    const socket = await connect();
    const received = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(data.toString()))),
    );
    core.events.emit('apps:changed', []);
    expect(await received).toEqual({ event: 'apps:changed', payload: [] });
    socket.close();
  });

  it('answers a malformed request that has an id with a typed error', async () => {
    const socket = await connect();
    const calls = core.calls.length;
    expect(await call(socket, { id: 3, channel: 42, args: [] }, 3)).toMatchObject({
      id: 3,
      result: { ok: false, error: { code: 'invalid_request' } },
    });
    expect(await call(socket, { id: 4, channel: 'apps:list', args: 'x' }, 4)).toMatchObject({
      id: 4,
      result: { ok: false, error: { code: 'invalid_request' } },
    });
    expect(core.calls.length).toBe(calls);
    socket.close();
  });

  it.each([
    ['not JSON', 'this is not json {'],
    ['no id', JSON.stringify({ channel: 'apps:list', args: [] })],
    ['a JSON array', '[1,2,3]'],
    ['a negative id', JSON.stringify({ id: -1, channel: 'apps:list', args: [] })],
  ])('closes the socket on %s and keeps serving others', async (_name, frame) => {
    const socket = await connect();
    const code = closed(socket);
    socket.send(frame);
    expect(await code).toBe(1008);
    const other = await connect();
    expect(await call(other, { id: 1, channel: 'app:get-info', args: [] }, 1)).toMatchObject({
      result: { ok: true },
    });
    other.close();
  });

  it('closes the socket on oversized and binary frames and stays up', async () => {
    const big = await connect();
    const bigClosed = closed(big);
    big.send(JSON.stringify({ id: 1, channel: 'apps:list', args: ['x'.repeat(300 * 1024)] }));
    expect(await bigClosed).toBe(1009);
    const binary = await connect();
    const binaryClosed = closed(binary);
    binary.send(Buffer.from([1, 2, 3]));
    expect(await binaryClosed).toBe(1003);
    expect((await rawGet(host.port, '/')).status).toBe(200);
  });

  it('survives a burst of garbage frames', async () => {
    const frames = [
      '{',
      'null',
      '"s"',
      '{"id":1.5}',
      '{"id":"1"}',
      '{"id":1e400}',
      '\u0000',
      '{"id":2,"channel":"","args":[]}',
    ];
    for (const frame of frames) {
      const socket = await connect();
      const done = new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.once('message', () => resolve());
      });
      socket.send(frame);
      await done;
      socket.terminate();
    }
    const socket = await connect();
    expect(await call(socket, { id: 9, channel: 'apps:list', args: [] }, 9)).toMatchObject({
      result: { ok: true },
    });
    socket.close();
  });
});
