/**
 * Dragging a remote file out of the browser page: the host's
 * `/transfers/drag-out/<token>` route in front of the real transfers service
 * and the embedded FTPS endpoint. The file is downloaded (verified) and
 * served once; tickets are single-use, short-lived, per user, and never
 * issued for names or folders that cannot be dragged.
 */
import { FakeClock } from '../../fakes/fake-clock';
import { PortalApi } from '../../../main/services/portal/client';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDragOutRoute } from '../../../main/browser-host/drag-out-route';
import type { Router } from '../../../main/ports';
import { createEventHub } from '../../../main/services/core/events';
import { PortalError } from '../../../main/services/core/errors';
import { DRAG_OUT_TICKET_MS, DragOutTickets } from '../../../main/services/transfers/drag-out';
import { TransfersService } from '../../../main/services/transfers/service';
import type { UserEngine } from '../../../main/services/transfers/user-engine';
import type { EmbeddedServer } from '../../transfers/helpers/embedded';
import { dragOutFiles, sha, signedInSession as session, startDragOutSetup, type DragOutSetup } from '../services/transfers/drag-out-setup';

describe('drag-out route', () => {
  let setup: DragOutSetup;
  let ftps: EmbeddedServer;
  let userData: string;
  let service: TransfersService;
  let http: Server;
  let origin: string;

  beforeEach(async () => {
    setup = await startDragOutSetup();
    ({ ftps, userData, service } = setup);
    // The route only talks to the router; the setup's forwards the one channel it uses.
    const route = createDragOutRoute({ router: setup.router, headers: () => ({ 'X-Content-Type-Options': 'nosniff' }), pollMs: 20 });
    http = createServer((req, res) => {
      if (!route(req, res)) {
        res.writeHead(418);
        res.end();
      }
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await setup.close();
  });

  it('downloads, verifies and serves a dragged file once, then forgets it', { timeout: 60_000 }, async () => {
    const data = randomBytes(700_000);
    await fsp.writeFile(path.join(ftps.userDir, 'case: notes.bin'), data);
    const ticket = service.dragOutPrepare('/case: notes.bin');
    expect(ticket.url).toMatch(/^\/transfers\/drag-out\/[A-Za-z0-9_-]{43}$/);
    // DownloadURL is "mime:name:url": the name must not bring its own colon.
    expect(ticket).toMatchObject({ name: 'case_ notes.bin', mime: 'application/octet-stream' });

    const res = await fetch(origin + ticket.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''case_%20notes.bin");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(data));
    // The queue shows it as an ordinary verified download.
    expect(service.page({ offset: 0, limit: 10 }).items.map((i) => i.status)).toEqual(['verified']);

    // Single use: the same link serves nothing again, and its local copy is gone.
    expect((await fetch(origin + ticket.url)).status).toBe(404);
    const dragDir = path.join(userData, 'transfers');
    const leftovers: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) await walk(path.join(dir, entry.name));
        else if (dir.includes(`${path.sep}drag-out${path.sep}`)) leftovers.push(entry.name);
      }
    };
    await new Promise((resolve) => setTimeout(resolve, 100));
    await walk(dragDir);
    expect(leftovers).toEqual([]);
  });

  it('answers 404 for unknown tokens, folders and files that vanished; 405 for other methods; other paths pass', { timeout: 60_000 }, async () => {
    expect((await fetch(`${origin}/transfers/drag-out/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${origin}/transfers/drag-out/short`)).status).toBe(418);
    expect((await fetch(`${origin}/index.html`)).status).toBe(418);
    await fsp.mkdir(path.join(ftps.userDir, 'folder'));
    await fsp.writeFile(path.join(ftps.userDir, 'folder', 'x.txt'), 'x');
    expect((await fetch(origin + service.dragOutPrepare('/folder').url)).status).toBe(404);
    await fsp.writeFile(path.join(ftps.userDir, 'gone.txt'), 'soon gone');
    const gone = service.dragOutPrepare('/gone.txt');
    await fsp.rm(path.join(ftps.userDir, 'gone.txt'));
    expect((await fetch(origin + gone.url)).status).toBe(404);
    const posted = service.dragOutPrepare('/folder/x.txt');
    expect((await fetch(origin + posted.url, { method: 'POST' })).status).toBe(405);
    // A refused method does not use the ticket up.
    expect(await (await fetch(origin + posted.url)).text()).toBe('x');
  });

  it('cuts the connection (never a short file presented as complete) when the download cannot be read to the end', { timeout: 60_000 }, async () => {
    const data = randomBytes(400_000);
    await fsp.writeFile(path.join(ftps.userDir, 'big.bin'), data);
    const ticket = service.dragOutPrepare('/big.bin');
    // After the first chunk the local copy vanishes: the next read fails with the headers already out.
    const failing: Router = {
      handle: async (channel, args, sender) => {
        if ((args as [{ offset: number }])[0].offset > 0) {
          for (const file of await dragOutFiles(userData)) await fsp.rm(file, { force: true });
        }
        return setup.router.handle(channel, args, sender);
      },
    };
    const route = createDragOutRoute({ router: failing, headers: () => ({}), pollMs: 20 });
    const server = createServer((req, res) => void route(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${ticket.url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(data.length));
      await expect(res.arrayBuffer()).rejects.toThrow();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses hostile names; the desktop app issues tickets too (served on app://portico)', async () => {
    expect(() => service.dragOutPrepare('/a/..')).toThrow(PortalError);
    expect(() => service.dragOutPrepare('/')).toThrow(PortalError);
    const electron = new TransfersService({
      session,
      events: createEventHub(),
      notifier: { notify: () => undefined },
      userData,
      portal: new PortalApi({ fetch: (async () => new Response('{}', { status: 500 })) as unknown as typeof fetch, clock: new FakeClock() }),
      nativeFiles: true,
    });
    await electron.settled();
    const ticket = electron.dragOutPrepare('/x.txt');
    expect(ticket).toMatchObject({ name: 'x.txt', mime: 'application/octet-stream' });
    expect(ticket.url).toMatch(/^\/transfers\/drag-out\/[A-Za-z0-9_-]{43}$/);
    // Hostile names stay refused there as well.
    expect(() => electron.dragOutPrepare('/a/..')).toThrow(PortalError);
    await electron.dispose();
  });
});

describe('DragOutTickets', () => {
  const user = (key: string) => ({ key, dir: '/nonexistent' }) as unknown as UserEngine;

  it('expires unclaimed tickets, and a ticket is only good for the user it was issued to', async () => {
    let now = 1_000_000;
    const tickets = new DragOutTickets(() => now);
    const a = tickets.prepare(user('alice'), '/report.pdf');
    const token = a.url.split('/').pop()!;
    await expect(tickets.read(user('bob'), { token, offset: 0 })).rejects.toMatchObject({ code: 'not_found' });
    // Reading from the middle never claims a ticket.
    await expect(tickets.read(user('alice'), { token, offset: 5 })).rejects.toMatchObject({ code: 'not_found' });
    now += DRAG_OUT_TICKET_MS + 1;
    await expect(tickets.read(user('alice'), { token, offset: 0 })).rejects.toMatchObject({ code: 'not_found' });
    const b = tickets.prepare(user('alice'), '/report.pdf');
    expect(b.url).not.toBe(a.url);
  });
});
