import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../../main/browser-host/host-server';
import { fakeCore, makeRendererDir } from './helpers';

// A real browser proves what header checks alone cannot: the CSP blocks inline
// script, and a page on another origin cannot reach the socket even with the token.
let browser: Browser;
let host: HostServer;
let evil: Server;
let evilOrigin: string;
const renderer = makeRendererDir();
const core = fakeCore();

beforeAll(async () => {
  writeFileSync(
    join(renderer.rendererDir, 'index.html'),
    '<!doctype html><title>t</title><script>window.inlineRan = true;</script><script src="/assets/app.js"></script>',
  );
  writeFileSync(join(renderer.rendererDir, 'assets', 'app.js'), 'window.externalRan = true;');
  host = await startHostServer({
    router: core.router,
    events: core.events,
    rendererDir: renderer.rendererDir,
  });
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>evil</title>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await new Promise((resolve) => evil?.close(resolve));
  renderer.cleanup();
});

/** Opens a socket from inside the page; resolves 'open' or 'refused'. */
const trySocket = (url: string) =>
  new Promise<string>((resolve) => {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      socket.send(JSON.stringify({ id: 1, channel: 'apps:list', args: [] }));
    };
    socket.onmessage = () => resolve('answered');
    socket.onerror = () => resolve('refused');
  });

describe('browser host in Chromium', { timeout: 60_000 }, () => {
  it('runs our script but not an inline one', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    expect(await page.evaluate(() => (window as unknown as { externalRan?: boolean }).externalRan)).toBe(
      true,
    );
    expect(
      await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan),
    ).toBeUndefined();
    await page.close();
  });

  it('lets our page talk to the socket with the token', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token');
    const url = `ws://127.0.0.1:${host.port}/ipc?token=${token}`;
    expect(await page.evaluate(trySocket, url)).toBe('answered');
    await page.close();
  });

  it('refuses a page on another origin even with the token', async () => {
    const page = await browser.newPage();
    await page.goto(evilOrigin);
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token');
    const calls = core.calls.length;
    expect(await page.evaluate(trySocket, `ws://127.0.0.1:${host.port}/ipc?token=${token}`)).toBe('refused');
    expect(core.calls.length).toBe(calls);
    await page.close();
  });
});
