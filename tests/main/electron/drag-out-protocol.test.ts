/**
 * Drag-out in Electron: what `handleAppProtocol` answers for
 * `app://portico/transfers/drag-out/<token>`, in front of the real transfers
 * service and the embedded FTPS endpoint (no Electron needed: the adapter
 * only builds web `Response`s).
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDragOutUrl, serveDragOutRequest } from '../../../main/electron/drag-out-protocol';
import type { Router } from '../../../main/ports';
import { dragOutFiles, sha, startDragOutSetup, type DragOutSetup } from '../services/transfers/drag-out-setup';

const HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

function get(url: string, method = 'GET'): Request {
  return new Request(`app://portico${url}`, { method });
}

describe('app://portico drag-out', () => {
  let setup: DragOutSetup;

  beforeEach(async () => {
    setup = await startDragOutSetup({ nativeFiles: true });
  });

  afterEach(async () => {
    await setup.close();
  });

  const serve = (request: Request, router: Router | null = setup.router) =>
    serveDragOutRequest(request, { router, headers: HEADERS, pollMs: 20 });

  it('downloads, verifies and streams a dragged file once, with its headers', { timeout: 60_000 }, async () => {
    // Several read chunks, so the body really streams.
    const data = randomBytes(300_000);
    await fsp.writeFile(path.join(setup.ftps.userDir, 'Bericht ü.bin'), data);
    const ticket = setup.service.dragOutPrepare('/Bericht ü.bin');
    expect(isDragOutUrl(`app://portico${ticket.url}`)).toBe(true);

    const res = await serve(get(ticket.url));
    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-type')).toBe('application/octet-stream');
    expect(res?.headers.get('content-length')).toBe(String(data.length));
    expect(res?.headers.get('content-disposition')).toBe(`attachment; filename="Bericht _.bin"; filename*=UTF-8''${encodeURIComponent('Bericht ü.bin')}`);
    expect(res?.headers.get('cache-control')).toBe('no-store');
    expect(res?.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await res!.arrayBuffer());
    expect(body.length).toBe(data.length);
    expect(sha(body)).toBe(sha(data));
    expect(setup.service.page({ offset: 0, limit: 10 }).items.map((i) => i.status)).toEqual(['verified']);

    // Single use, and the served copy goes.
    expect((await serve(get(ticket.url)))?.status).toBe(404);
    // Removal runs in the background after the last chunk: look again for a while.
    let left = await dragOutFiles(setup.userData);
    for (let i = 0; left.length > 0 && i < 500; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await dragOutFiles(setup.userData);
    }
    expect(left).toEqual([]);
  });

  it('answers 404 for unknown tokens and before the core exists, 405 for other methods, and leaves other paths alone', { timeout: 60_000 }, async () => {
    expect((await serve(get(`/transfers/drag-out/${'A'.repeat(43)}`)))?.status).toBe(404);
    expect(await serve(get('/transfers/drag-out/short'))).toBeNull();
    expect(await serve(get('/index.html'))).toBeNull();
    await fsp.writeFile(path.join(setup.ftps.userDir, 'x.txt'), 'x');
    const ticket = setup.service.dragOutPrepare('/x.txt');
    expect((await serve(get(ticket.url), null))?.status).toBe(404);
    for (const method of ['POST', 'HEAD', 'PUT', 'DELETE']) {
      const refused = await serve(get(ticket.url, method));
      expect(refused?.status).toBe(405);
      expect(refused?.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // Refused requests do not use the ticket up.
    expect(await (await serve(get(ticket.url)))!.text()).toBe('x');
    expect(await (await serve(get(ticket.url)))!.text()).toBe('Not found');
  });

  it('errors the body (never a short file) when the download cannot be read to the end', { timeout: 60_000 }, async () => {
    const data = randomBytes(400_000);
    await fsp.writeFile(path.join(setup.ftps.userDir, 'big.bin'), data);
    const ticket = setup.service.dragOutPrepare('/big.bin');
    // After the first chunk the local copy vanishes (disk trouble, cleanup): the next read fails.
    const failing: Router = {
      handle: async (channel, args, sender) => {
        if ((args as [{ offset: number }])[0].offset > 0) {
          for (const file of await dragOutFiles(setup.userData)) await fsp.rm(file, { force: true });
        }
        return setup.router.handle(channel, args, sender);
      },
    };
    const res = await serve(get(ticket.url), failing);
    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-length')).toBe(String(data.length));
    await expect(res!.arrayBuffer()).rejects.toThrow();
  });

  it('accepts only exact drag-out URLs of our protocol as downloads', () => {
    const token = 'b'.repeat(43);
    expect(isDragOutUrl(`app://portico/transfers/drag-out/${token}`)).toBe(true);
    for (const url of [
      `app://portico/transfers/drag-out/${token}?x=1`,
      `app://portico/transfers/drag-out/${token}/..`,
      `app://evil/transfers/drag-out/${token}`,
      `http://127.0.0.1/transfers/drag-out/${token}`,
      `app://portico/transfers/drag-out/${'b'.repeat(42)}`,
      'app://portico/index.html',
      'file:///etc/passwd',
    ]) {
      expect(isDragOutUrl(url)).toBe(false);
    }
  });
});
