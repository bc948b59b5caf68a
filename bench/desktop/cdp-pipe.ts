/**
 * A Chromium we start ourselves and talk to over `--remote-debugging-pipe`,
 * without Playwright. Playwright attaches its own session to every page and
 * enables Runtime, Page, Network… on it; a user's renderer has no inspector
 * session at all. Here the page gets one session on which no domain is ever
 * enabled: it only receives Input events and, at the measurement points, one
 * `Runtime.evaluate` (which needs no `Runtime.enable`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromiumArgs, chromiumPath } from '../support';

/** A protocol connection bound to one page session. */
export interface PageSession {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Calls `handler` with the params of every `method` event of the page session. */
  on(method: string, handler: (params: unknown) => void): () => void;
  close(): Promise<void>;
}

interface Reply {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/**
 * Launches headless Chromium on `url` with `extraArgs` and attaches one flat
 * session to its page.
 */
export async function launchPiped(url: string, extraArgs: string[]): Promise<PageSession> {
  const profile = mkdtempSync(join(tmpdir(), 'portico-bench-chromium-'));
  const child: ChildProcess = spawn(
    chromiumPath(),
    [...chromiumArgs, '--headless', '--window-size=1280,720', '--remote-debugging-pipe', `--user-data-dir=${profile}`, ...extraArgs, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Set<{ method: string; handler: (params: unknown) => void }>();
  let nextId = 1;
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end !== -1; end = buffered.indexOf('\0')) {
      const reply = JSON.parse(buffered.slice(0, end)) as Reply;
      buffered = buffered.slice(end + 1);
      if (reply.method) for (const listener of listeners) if (listener.method === reply.method) listener.handler(reply.params);
      const waiter = reply.id === undefined ? undefined : pending.get(reply.id);
      if (!waiter) continue;
      pending.delete(reply.id!);
      if (reply.error) waiter.reject(new Error(reply.error.message));
      else waiter.resolve(reply.result);
    }
  });
  child.once('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('Chromium exited'));
    pending.clear();
  });
  const raw = <T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await raw('Browser.close').catch(() => undefined);
      await exited;
    }
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const { targetInfos } = await raw<{ targetInfos: Array<{ targetId: string; type: string }> }>('Target.getTargets');
    const page = targetInfos.find((info) => info.type === 'page');
    if (!page) throw new Error('Chromium opened no page');
    const { sessionId } = await raw<{ sessionId: string }>('Target.attachToTarget', { targetId: page.targetId, flatten: true });
    await raw('Page.navigate', { url }, sessionId);
    const on = (method: string, handler: (params: unknown) => void): (() => void) => {
      const listener = { method, handler };
      listeners.add(listener);
      return () => void listeners.delete(listener);
    };
    return { send: (method, params) => raw(method, params, sessionId), on, close };
  } catch (error) {
    await close();
    throw error;
  }
}
