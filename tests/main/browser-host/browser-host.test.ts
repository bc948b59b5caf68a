import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../main/browser-host/index';
import { startServer, type RunningServer } from '../../../server/index';
import { call, ipcUrl, makeRendererDir, openSocket, rawGet } from './helpers';
import { seedPglite } from '../../setup/pglite-template';

let root: string;
let renderer: ReturnType<typeof makeRendererDir>;
let portal: RunningServer;
let host: BrowserHost;
let socket: WebSocket;
let nextId = 1;
const logLines: string[] = [];

async function invoke(
  channel: string,
  ...args: unknown[]
): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const id = nextId++;
  const answer = (await call(socket, { id, channel, args }, id)) as {
    result: { ok: boolean; value?: unknown; error?: { code: string } };
  };
  return answer.result;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'portico-bh-'));
  renderer = makeRendererDir();
  seedPglite(join(root, 'portal'));
  portal = await startServer({ dataDir: join(root, 'portal'), port: 0 });
  host = await startBrowserHost({
    portalUrl: portal.url,
    dataDir: join(root, 'client'),
    rendererDir: renderer.rendererDir,
    recordLaunchesDir: join(root, 'launches'),
    log: (line) => logLines.push(line),
  });
  const opened = await openSocket(ipcUrl(host.url), host.origin);
  if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
  socket = opened.socket;
}, 60_000);

afterAll(async () => {
  socket?.close();
  await host?.close();
  await portal?.close();
  renderer?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('browser host with the real core and portal', { timeout: 60_000 }, () => {
  it('serves the renderer', async () => {
    const port = Number(new URL(host.origin).port);
    const res = await rawGet(port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain(`ws://127.0.0.1:${port}`);
  });

  it('reports the browser shell', async () => {
    const info = await invoke('app:get-info');
    expect(info).toMatchObject({ ok: true, value: { shell: 'browser', defaultPortalUrl: portal.url } });
  });

  it('rejects unknown channels and bad arguments with typed errors', async () => {
    expect(await invoke('nope:nothing')).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await invoke('auth:sign-in', { username: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('signs in with the demo account and lists apps', async () => {
    const demo = portal.demoAccount;
    expect(demo).not.toBeNull();
    const events: unknown[] = [];
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { event?: string };
      if (message.event) events.push(message.event);
    };
    socket.on('message', onMessage);
    const state = await invoke('auth:sign-in', {
      portalUrl: portal.url,
      username: demo!.username,
      password: demo!.password,
    });
    expect(state).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    const apps = await invoke('apps:list');
    expect(apps.ok).toBe(true);
    expect(Array.isArray(apps.value)).toBe(true);
    await expect.poll(() => events, { timeout: 10_000 }).toContain('auth:changed');
    socket.off('message', onMessage);
  });

  it('records native launches with the launch file instead of opening it', async () => {
    const apps = (await invoke('apps:list')).value as Array<{ id: string; methods: string[] }>;
    const native = apps.find((app) => app.methods.includes('ica') || app.methods.includes('rdp'));
    expect(native).toBeDefined();
    const result = await invoke('apps:launch', { appId: native!.id, mode: 'native' });
    expect(result).toMatchObject({ ok: true, value: { status: 'launched' } });
    const records = readdirSync(join(root, 'launches')).filter((name) => name.endsWith('-open-path.json'));
    expect(records.length).toBeGreaterThanOrEqual(1);
    const record = JSON.parse(readFileSync(join(root, 'launches', records.at(-1)!), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(record).toMatchObject({ kind: 'open-path', mode: 0o600 });
    expect(String(record.content).length).toBeGreaterThan(0);
    expect(readFileSync(String(record.copy), 'utf8')).toBe(record.content);
  });

  it('never logs the demo password', () => {
    expect(logLines.join('\n')).not.toContain(portal.demoAccount!.password);
  });
});
