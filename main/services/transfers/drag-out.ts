/**
 * Dragging a remote file out of the window (both shells). Chromium starts
 * a download when a drag carrying `DownloadURL` (`<mime>:<name>:<url>`) is
 * dropped on the desktop, but `dragstart` is synchronous: the URL must exist
 * before the drag. So the page asks for a ticket when the pointer goes down
 * on a row, and `/transfers/drag-out/<token>` is served by reading it here:
 * by the browser host's loopback HTTP server, or in Electron by the app's
 * own `app://portico` protocol (`drag-out-stream.ts` has the shared loop).
 *
 * Nothing the page sends is used as a local path: a ticket names a remote
 * path only. Tickets are 256-bit random, tied to the signed-in user, expire
 * after a minute unless claimed, and the first read claims them (a second
 * request with the same URL gets nothing). The claim queues an ordinary,
 * verified download into a folder of its own under the user's `downloads/`;
 * the bytes are served only once it is complete, then the folder goes.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { DragOutChunk, DragOutTicket } from '../../../common/contract';
import { PortalError } from '../core/errors';
import { isFetchableRemoteName, isInside, isValidRemotePath, toSafeLocalName } from './engine';
import { toPortalError } from './channel-errors';
import { readDownloadChunk } from './read-download';
import type { UserEngine } from './user-engine';

/** How long an unclaimed ticket stays valid. */
export const DRAG_OUT_TICKET_MS = 60_000;
/** How long a claimed ticket may take to be read to the end (big files over slow links). */
export const DRAG_OUT_CLAIMED_MS = 6 * 60 * 60_000;
/** Live tickets per user; the oldest unclaimed one goes first. */
const MAX_TICKETS = 32;
/** The URL path prefix the host serves. */
export const DRAG_OUT_PREFIX = '/transfers/drag-out/';

interface Ticket {
  userKey: string;
  remotePath: string;
  name: string;
  expiresAt: number;
  claim?: { itemId: number; dir: string; nextOffset: number };
}

function gone(): PortalError {
  return new PortalError('not_found', 'This drag-out link is not valid (any more).');
}

/** The drag-out tickets of this app (one signed-in user at a time). */
export class DragOutTickets {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues a ticket for the remote file `remotePath` of `user`. */
  prepare(user: UserEngine, remotePath: string): DragOutTicket {
    const base = remotePath.split('/').filter(Boolean).pop() ?? '';
    const safe = toSafeLocalName(base);
    if (!isValidRemotePath(remotePath) || !isFetchableRemoteName(base) || !safe) throw new PortalError('invalid_request', 'This item cannot be dragged out.');
    this.sweep();
    const mine = [...this.tickets.entries()].filter(([, t]) => t.userKey === user.key && !t.claim);
    if (mine.length >= MAX_TICKETS) this.tickets.delete(mine[0]![0]);
    const token = randomBytes(32).toString('base64url');
    // `DownloadURL` separates its fields with ':'; the name must not contain one.
    const name = safe.replace(/:/g, '_');
    this.tickets.set(token, { userKey: user.key, remotePath, name, expiresAt: this.now() + DRAG_OUT_TICKET_MS });
    return { url: `${DRAG_OUT_PREFIX}${token}`, name, mime: 'application/octet-stream' };
  }

  /** Claims (offset 0) or continues (the next offset exactly) reading a ticket's file. */
  async read(user: UserEngine, request: { token: string; offset: number }): Promise<DragOutChunk> {
    this.sweep();
    const ticket = this.tickets.get(request.token);
    if (!ticket || ticket.userKey !== user.key) throw gone();
    if (!ticket.claim) {
      if (request.offset !== 0) throw gone();
      ticket.claim = await this.claim(user, ticket);
      ticket.expiresAt = this.now() + DRAG_OUT_CLAIMED_MS;
      return { state: 'pending' };
    }
    if (request.offset !== ticket.claim.nextOffset) throw gone();
    const item = user.engine.item(ticket.claim.itemId);
    if (!item || item.status === 'failed' || item.status === 'cancelled' || item.status === 'skipped') {
      this.drop(request.token);
      throw new PortalError('not_found', item?.error?.message ?? 'The download did not finish.');
    }
    if (item.status !== 'done' && item.status !== 'verified') return { state: 'pending' };
    if (!isInside(ticket.claim.dir, item.localPath)) throw gone();
    const chunk = await readDownloadChunk(item.localPath, request.offset);
    ticket.claim.nextOffset = request.offset + Buffer.byteLength(chunk.data, 'base64');
    if (chunk.eof) this.drop(request.token);
    return { state: 'ready', ...chunk, name: ticket.name };
  }

  /** Forgets every ticket (sign-out, shutdown); their folders are removed. */
  clear(): void {
    for (const token of [...this.tickets.keys()]) this.drop(token);
  }

  private async claim(user: UserEngine, ticket: Ticket): Promise<NonNullable<Ticket['claim']>> {
    const dir = path.join(user.dir, 'downloads', 'drag-out', randomBytes(9).toString('base64url'));
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      const { batchId, count } = await user.engine.enqueueDownload({ remotePaths: [ticket.remotePath], localDir: dir, conflict: 'overwrite' });
      const items = user.engine.batchItems(batchId);
      // A folder lists as its contents (or as a folder item): only a single file with this very path is served.
      if (count !== 1 || items.length !== 1 || items[0]!.folder || items[0]!.remotePath !== ticket.remotePath) {
        user.engine.cancel(items.map((i) => i.id));
        throw new PortalError('invalid_request', 'Only files can be dragged out.');
      }
      return { itemId: items[0]!.id, dir, nextOffset: 0 };
    } catch (error) {
      await fsp.rm(dir, { recursive: true, force: true });
      throw toPortalError(error);
    }
  }

  private drop(token: string): void {
    const ticket = this.tickets.get(token);
    this.tickets.delete(token);
    if (ticket?.claim) void fsp.rm(ticket.claim.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, ticket] of this.tickets) if (ticket.expiresAt <= now) this.drop(token);
  }
}
