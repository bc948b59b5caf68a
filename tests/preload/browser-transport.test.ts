import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHostServer, type HostServer } from '../../main/browser-host/host-server';
import type { Router } from '../../main/ports';
import { createEventHub } from '../../main/services/core/events';
import { createDesktopApi } from '../../preload/bridge';
import {
  createBrowserTransport,
  type BrowserTransport,
  type SocketLike,
} from '../../preload/browser-transport';
import { fakeCore, ipcUrl, makeRendererDir } from '../main/browser-host/helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHost(router: Router, events = createEventHub()): Promise<HostServer> {
  const renderer = makeRendererDir();
  const host = await startHostServer({ router, events, rendererDir: renderer.rendererDir });
  cleanups.push(
    () => renderer.cleanup(),
    () => host.close(),
  );
  return host;
}

function wsTransport(host: HostServer): BrowserTransport {
  const transport = createBrowserTransport({
    url: ipcUrl(host.url),
    // Node's ws client, sending the Origin a browser on the host's page would send.
    createSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as SocketLike,
    initialBackoffMs: 20,
    maxBackoffMs: 100,
  });
  cleanups.push(() => transport.close());
  return transport;
}

describe('browser transport against the host', () => {
  it('invokes through the host and receives events', async () => {
    const core = fakeCore();
    const host = await startHost(core.router, core.events);
    const transport = wsTransport(host);
    await transport.ready();
    const api = createDesktopApi(transport);
    expect(await api.invoke('apps:set-favorite', { appId: '7zip', favorite: true })).toEqual({
      ok: true,
      value: { channel: 'apps:set-favorite', args: [{ appId: '7zip', favorite: true }] },
    });
    const event = new Promise((resolve) => api.on('auth:changed', resolve));
    core.events.emit('auth:changed', {
      status: 'signed-out',
      portalUrl: 'https://p.example',
      lastUsername: '',
      reason: 'start',
    });
    expect(await event).toMatchObject({ status: 'signed-out' });
  });

  it('answers concurrent invokes by id', async () => {
    const router: Router = {
      handle: async (_channel, args) => {
        const [delay] = args as [number];
        await new Promise((resolve) => setTimeout(resolve, delay));
        return { ok: true, value: delay };
      },
    };
    const transport = wsTransport(await startHost(router));
    await transport.ready();
    const results = await Promise.all([50, 5, 25].map((delay) => transport.invoke('x', [delay])));
    expect(results).toEqual([50, 5, 25].map((value) => ({ ok: true, value })));
  });

  it('resolves pending invokes with connection_failed when the socket drops', async () => {
    const router: Router = { handle: () => new Promise(() => {}) };
    const host = await startHost(router);
    const transport = wsTransport(host);
    await transport.ready();
    const pending = transport.invoke('apps:list', []);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await host.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'connection_failed' } });
    expect(await transport.invoke('apps:list', [])).toMatchObject({
      ok: false,
      error: { code: 'connection_failed' },
    });
  });
});

/** A scripted socket: the test decides when it opens, answers or drops. */
class ScriptedSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.drop();
  }
}

describe('browser transport reconnects', () => {
  it('reconnects after a drop and works again; ignores junk from the host', async () => {
    const sockets: ScriptedSocket[] = [];
    const transport = createBrowserTransport({
      url: 'ws://127.0.0.1:1/ipc?token=t',
      createSocket: () => {
        const socket = new ScriptedSocket();
        sockets.push(socket);
        return socket;
      },
      initialBackoffMs: 10,
      maxBackoffMs: 40,
    });
    cleanups.push(() => transport.close());
    sockets[0]!.open();
    await transport.ready();
    const first = transport.invoke('apps:list', []);
    sockets[0]!.onmessage?.({ data: 'garbage' });
    sockets[0]!.onmessage?.({ data: JSON.stringify({ id: 999, result: 'stray' }) });
    sockets[0]!.drop();
    expect(await first).toMatchObject({ ok: false, error: { code: 'connection_failed' } });

    // Failed attempts keep retrying (with growing delays) until one opens.
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    sockets[1]!.drop();
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const latest = sockets[sockets.length - 1]!;
    latest.open();
    await transport.ready();
    expect(transport.isConnected()).toBe(true);
    const second = transport.invoke('apps:list', []);
    const request = JSON.parse(latest.sent[0]!) as { id: number; channel: string; args: unknown[] };
    expect(request).toMatchObject({ channel: 'apps:list', args: [] });
    latest.onmessage?.({ data: JSON.stringify({ id: request.id, result: { ok: true, value: [] } }) });
    expect(await second).toEqual({ ok: true, value: [] });
  });

  it('stops reconnecting after close()', async () => {
    let created = 0;
    const transport = createBrowserTransport({
      url: 'ws://127.0.0.1:1/ipc?token=t',
      createSocket: () => {
        created += 1;
        return new ScriptedSocket();
      },
      initialBackoffMs: 5,
    });
    transport.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(created).toBe(1);
  });
});
