/**
 * Turns engine data into the contract's views: names for display, reasons
 * in our words (never raw server text), taskbar progress.
 */
import type {
  TaskbarProgress,
  TransferConflictView,
  TransferItemView,
  TransferTotals,
  TransfersQueueState,
  TransfersSnapshot,
} from '../../../common/contract';
import path from 'node:path';
import { formatBytes } from '../../../common/text/bytes';
import type { QueueState, TransferConflict, TransferErrorCode, TransferItem } from './engine';

/** User-facing reasons by engine error code. */
const REASONS: Record<TransferErrorCode, string> = {
  disk_full: 'The disk is full.',
  remote_full: 'The portal has no room for this file.',
  file_too_large: 'The file is larger than the portal accepts.',
  source_missing: 'The file is no longer there.',
  source_changed: 'The file changed while it was being sent.',
  token_revoked: 'The portal ended the transfer sign-in; waiting for a new one.',
  credentials_expired: 'The transfer sign-in expired; waiting for a new one.',
  not_ftps: 'The server does not offer secure (FTPS) transfers.',
  certificate_mismatch: 'The server certificate does not match the portal’s.',
  tls_failed: 'The secure connection failed.',
  pasv_host_refused: 'The server asked to send data to another host; refused.',
  unsafe_name: 'The name is not safe to use.',
  permission_denied: 'Permission denied.',
  remote_error: 'The server refused the transfer.',
  connection_failed: 'The connection was lost.',
  too_many_connections: 'The server is busy; waiting to retry.',
  verify_failed: 'The file did not match after transfer.',
  listing_too_large: 'The folder listing is too large.',
  interrupted: 'The transfer was interrupted.',
  internal: 'Something went wrong in Portico.',
};

/**
 * The reason shown for an engine error. Only the numbers of the portal's
 * quota and size-limit replies are taken from its text (see
 * server/ftps/quota.ts); the words are always ours.
 */
export function reasonFor(code: TransferErrorCode, serverText = ''): string {
  if (code === 'remote_full') {
    const quota = /^Quota exceeded: (\d{1,16}) of (\d{1,16}) bytes used/.exec(serverText);
    if (quota) return `Your cloud storage is full (${formatBytes(Number(quota[1]))} of ${formatBytes(Number(quota[2]))} used).`;
  }
  if (code === 'file_too_large') {
    const limit = /^File too large: the limit is (\d{1,16}) bytes/.exec(serverText);
    if (limit) return `The file is larger than the portal accepts (at most ${formatBytes(Number(limit[1]))}).`;
  }
  return REASONS[code] ?? REASONS.internal;
}

/** Last segment of a slash path (remote paths are always `/`-separated). */
export function baseName(remotePath: string): string {
  const cut = remotePath.replace(/\/+$/, '');
  return cut.slice(cut.lastIndexOf('/') + 1) || '/';
}

/** An item as the queue view shows it (no local paths, only a download's own file name). */
export function toItemView(item: TransferItem): TransferItemView {
  const name = baseName(item.remotePath);
  const local = item.direction === 'download' && !item.folder ? path.basename(item.localPath) : name;
  return {
    id: item.id,
    batchId: item.batchId,
    direction: item.direction,
    name,
    remotePath: item.remotePath,
    ...(local !== name ? { savedAs: local } : {}),
    size: item.size,
    transferred: item.transferred,
    status: item.status,
    attempts: item.attempts,
    ...(item.error ? { error: { code: item.error.code, message: itemReason(item, item.error.code, item.error.message) } } : {}),
  };
}

/** An item's reason; a full disk says the part waits for a retry when there is one. */
function itemReason(item: TransferItem, code: TransferErrorCode, serverText: string): string {
  if (code === 'disk_full' && item.partial) return 'The disk is full. Free some space and retry: the file goes on from where it stopped.';
  return reasonFor(code, serverText);
}

export function toConflictView(conflict: TransferConflict): TransferConflictView {
  return {
    itemId: conflict.itemId,
    batchId: conflict.batchId,
    direction: conflict.direction,
    name: baseName(conflict.remotePath),
    remotePath: conflict.remotePath,
    existingSize: conflict.existingSize,
    existingModifiedAt: conflict.existingModifiedAt,
    incomingSize: conflict.incomingSize,
    incomingModifiedAt: conflict.incomingModifiedAt,
  };
}

/** The engine's run state, plus "the session expired" which the engine cannot know. */
export function toQueueState(state: QueueState, sessionExpired: boolean): TransfersQueueState {
  const base = { connections: state.connections, connectionLimit: state.connectionLimit };
  if (state.state === 'waiting-credentials') {
    const reason = sessionExpired ? 'session_expired' : state.reason === 'token_revoked' ? 'token_revoked' : state.reason === 'credentials_expired' ? 'credentials_expired' : 'unavailable';
    return { ...base, state: 'waiting-credentials', reason };
  }
  return { ...base, state: state.state };
}

/** What the taskbar/dock progress bar shows. */
export function taskbarProgress(totals: TransferTotals, queue: TransfersQueueState): TaskbarProgress {
  const pending = totals.queued + totals.running + totals.conflicts;
  if (pending === 0) return { fraction: null, mode: totals.failed > 0 && totals.running === 0 ? 'error' : 'none' };
  const fraction = totals.totalBytes > 0 ? Math.min(1, totals.transferredBytes / totals.totalBytes) : 0;
  return { fraction, mode: queue.state === 'running' ? 'normal' : 'paused' };
}

/** What `transfers:get-state` answers while nobody is signed in. */
export function signedOutSnapshot(nativeFiles: boolean): TransfersSnapshot {
  return {
    queue: { state: 'signed-out', connections: 0, connectionLimit: 0, items: 0 },
    totals: { items: 0, queued: 0, running: 0, finished: 0, failed: 0, conflicts: 0, totalBytes: 0, transferredBytes: 0, bytesPerSecond: 0, etaSeconds: null },
    conflicts: [],
    nativeFiles,
  };
}
