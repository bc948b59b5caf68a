/** Shared helpers for the browser-host tests: a fake core, raw HTTP, ws clients. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHostServer } from '../../../main/browser-host/host-server';
import type { Router, SenderContext } from '../../../main/ports';
import { createEventHub } from '../../../main/services/core/events';

/** A router that records what reached it and answers with an echo. */
export function fakeCore() {
  const calls: Array<{ channel: string; args: unknown; sender: SenderContext }> = [];
  const router: Router = {
    handle: async (channel, args, sender) => {
      calls.push({ channel, args, sender });
      return { ok: true, value: { channel, args } };
    },
  };
  return { router, events: createEventHub(), calls };
}

/** A temp renderer folder with an index, an asset, and a secret next to it. */
export function makeRendererDir(): { root: string; rendererDir: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'portico-host-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Portico</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(rendererDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  return { root, rendererDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with the path sent exactly as given (no normalisation). */
export function rawGet(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a ws client; resolves `open` or the refusal status. */
export function openSocket(
  url: string,
  origin: string | undefined,
  extra: WebSocket.ClientOptions = {},
): Promise<{ socket: WebSocket } | { refused: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { ...(origin === undefined ? {} : { origin }), ...extra });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', () => resolve({ refused: -1 }));
  });
}

/** Waits for the answer carrying `id` on `socket`. */
export function answerTo(socket: WebSocket, id: number): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number };
      if (message.id === id) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
  });
}

/** Sends a frame and waits for the answer carrying `id`. */
export function call(socket: WebSocket, frame: unknown, id: number): Promise<unknown> {
  const answer = answerTo(socket, id);
  socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return answer;
}

/** Resolves with the close code once the socket closes. */
export function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) resolve(-1);
    else socket.once('close', (code) => resolve(code));
  });
}

/** Splits a host URL into its ipc socket URL and token. */
export function ipcUrl(hostUrl: string, token?: string): string {
  const url = new URL(hostUrl);
  const secret = token ?? new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return `ws://${url.host}/ipc?token=${encodeURIComponent(secret)}`;
}

/** A host on a free port over a fake core and a throwaway renderer folder; `close` stops it and removes the folder. */
export async function startFakeHost() {
  const renderer = makeRendererDir();
  const core = fakeCore();
  const host = await startHostServer({
    router: core.router,
    events: core.events,
    rendererDir: renderer.rendererDir,
    port: 0,
  });
  const close = async () => {
    await host.close();
    renderer.cleanup();
  };
  return { host, core, close };
}
