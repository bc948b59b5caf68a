/**
 * Pieces of the transfers service kept apart so each file stays readable:
 * the per-user engine record, error mapping, batch notices and reading a
 * finished download back for the page.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { BatchResult, DownloadChunk, TransferConflictView, TransfersQueueState } from '../../../preload/contract';
import type { EventHub, Notifier } from '../../ports';
import { PortalError } from '../core/errors';
import { TransferError, isInside, type TransferEngine, type TransferEvents, type TransferListener } from './engine';
import type { UploadStaging } from './staging';
import { reasonFor, taskbarProgress, toConflictView, toItemView } from './views';

/** Bytes per `transfers:read-download` answer. */
export const READ_CHUNK_BYTES = 128 * 1024;

/** Native file dialogs (Electron only; the desktop shell provides them). */
export interface FileDialogs {
  pickFiles(): Promise<string[]>;
  pickFolder(): Promise<string | null>;
}

/** One signed-in user's engine and what the service keeps beside it. */
export interface UserEngine {
  key: string;
  dir: string;
  engine: TransferEngine;
  staging: UploadStaging;
  /** Staging folder of each browser-host upload batch, removed when the batch ends cleanly. */
  stagedBatches: Map<number, string>;
  conflicts: Map<number, TransferConflictView>;
  /** False until credentials were handed over, and again after the engine asked for new ones. */
  hasCredentials: boolean;
  stop: () => void;
}

/** The error for channels used while nobody is signed in. */
export function notSignedIn(): PortalError {
  return new PortalError('not_signed_in', 'Please sign in to transfer files.');
}

/** Maps an engine error to the contract's error, in our words. */
export function toPortalError(error: unknown): unknown {
  if (!(error instanceof TransferError)) return error;
  switch (error.code) {
    case 'unsafe_name':
      return new PortalError('invalid_request', reasonFor(error.code));
    case 'permission_denied':
      return new PortalError('forbidden', 'The portal did not allow this (the item may not exist or is in use).');
    // Not `session_expired`/`connection_failed`: those would sign the window out or blame the
    // portal's API, while only the file service (FTPS) had the problem.
    default:
      return new PortalError('portal_error', reasonFor(error.code));
  }
}

/** The desktop notification for a finished batch. */
export function batchNotice(result: Omit<BatchResult, 'batchId'>): { title: string; body: string } {
  const what = result.direction === 'upload' ? 'Upload' : 'Download';
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  if (result.failed > 0) return { title: `${what} finished with errors`, body: `${files(result.failed)} failed, ${files(result.succeeded)} done.` };
  return { title: `${what} finished`, body: `${files(result.succeeded)} done${result.skipped ? `, ${result.skipped} skipped` : ''}.` };
}

/** Reads up to {@link READ_CHUNK_BYTES} of a finished download at `offset`, as base64. */
export async function readDownloadChunk(localPath: string, offset: number): Promise<{ name: string; size: number; data: string; eof: boolean }> {
  const handle = await fsp.open(localPath, 'r').catch(() => null);
  if (!handle) throw new PortalError('not_found', 'This download is no longer on disk.');
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, Math.min(READ_CHUNK_BYTES, size - offset));
    const buffer = Buffer.alloc(length);
    const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, offset) : { bytesRead: 0 };
    return { name: path.basename(localPath), size, data: buffer.subarray(0, bytesRead).toString('base64'), eof: offset + bytesRead >= size };
  } finally {
    await handle.close();
  }
}

/** Reads a finished browser-host download of `user` (only items inside its `downloads/` folder). */
export function readFinishedDownload(user: UserEngine, request: { itemId: number; offset: number }): Promise<DownloadChunk> {
  const item = user.engine.item(request.itemId);
  const downloads = path.join(user.dir, 'downloads');
  if (!item || item.direction !== 'download' || !(item.status === 'done' || item.status === 'verified') || !isInside(downloads, item.localPath)) {
    return Promise.reject(new PortalError('not_found', 'This download is not available.'));
  }
  return readDownloadChunk(item.localPath, request.offset);
}

/** What {@link engineEventForwarder} needs from the service. */
export interface ForwarderContext {
  events: EventHub;
  notifier: Notifier;
  /** False once another user's engine replaced this one. */
  isCurrent(): boolean;
  queueState(): TransfersQueueState;
}

/** Forwards one user's engine events as `transfers:*` events, and notifies when a batch ends. */
export function engineEventForwarder(user: UserEngine, ctx: ForwarderContext): TransferListener {
  const events = ctx.events;
  return (event, payload) => {
    if (!ctx.isCurrent()) return;
    switch (event) {
      case 'progress': {
        const progress = payload as TransferEvents['progress'];
        events.emit('transfers:progress', { totals: progress.totals, active: progress.active });
        events.emit('transfers:taskbar-progress', taskbarProgress(progress.totals, ctx.queueState()));
        break;
      }
      case 'item': {
        const item = payload as TransferEvents['item'];
        if (item.status !== 'conflict') user.conflicts.delete(item.id);
        events.emit('transfers:item', toItemView(item));
        break;
      }
      case 'queue-changed': {
        for (const id of [...user.conflicts.keys()]) if (user.engine.item(id)?.status !== 'conflict') user.conflicts.delete(id);
        events.emit('transfers:queue-changed', { ...ctx.queueState(), items: (payload as TransferEvents['queue-changed']).items });
        events.emit('transfers:taskbar-progress', taskbarProgress(user.engine.totals(), ctx.queueState()));
        break;
      }
      case 'conflict': {
        const view = toConflictView(payload as TransferEvents['conflict']);
        user.conflicts.set(view.itemId, view);
        events.emit('transfers:conflict', view);
        break;
      }
      case 'batch-finished': {
        const result = payload as TransferEvents['batch-finished'];
        events.emit('transfers:batch-finished', result);
        const notice = batchNotice(result);
        ctx.notifier.notify(notice.title, notice.body);
        const staged = user.stagedBatches.get(result.batchId);
        if (staged && result.failed === 0) {
          user.stagedBatches.delete(result.batchId);
          void user.staging.remove(staged);
        }
        break;
      }
      case 'credentials-needed':
        user.hasCredentials = false;
        break;
      default:
        break;
    }
  };
}
