/** File transfers. Types only (see `../contract.ts`). */

import type { ConflictPolicy, TransferDirection, TransferStatus, TransferTotals } from './transfer-items';

// Plain data, no secrets: the transfer token never reaches the renderer.
// The engine's own plain-data types (`common/contract/transfer-items.ts`) are the UI's too.
export type * from './transfer-items';

/** One queued file as the UI shows it. */
export interface TransferItemView {
  id: number;
  batchId: number;
  direction: TransferDirection;
  /** File name (last segment) for display. */
  name: string;
  /** Remote path: the target of an upload, the source of a download. */
  remotePath: string;
  /**
   * A download's local file name when it is not the remote one: made safe
   * for every desktop OS, or numbered because the name was taken (also by a
   * name that differs only by case).
   */
  savedAs?: string;
  /** -1 while unknown. */
  size: number;
  transferred: number;
  status: TransferStatus;
  attempts: number;
  /** Why it failed (kept on failed items), or why a queued item waits. */
  error?: { code: string; message: string };
}

export interface TransferPage {
  total: number;
  offset: number;
  items: TransferItemView[];
}

/**
 * `waiting-credentials` with reason `session_expired`: the queue waits until
 * the user signs in again (nothing restarts from zero).
 */
export interface TransfersQueueState {
  state: 'running' | 'paused' | 'waiting-credentials' | 'signed-out';
  reason?: 'session_expired' | 'credentials_expired' | 'token_revoked' | 'unavailable';
  connections: number;
  connectionLimit: number;
}

export interface TransfersSnapshot {
  queue: TransfersQueueState & { items: number };
  totals: TransferTotals;
  /** Conflicts waiting for an answer. */
  conflicts: TransferConflictView[];
  /** Whether this shell can use native dialogs and real local paths (Electron). */
  nativeFiles: boolean;
}

export interface TransferConflictView {
  itemId: number;
  batchId: number;
  direction: TransferDirection;
  name: string;
  remotePath: string;
  existingSize: number;
  existingModifiedAt: string | null;
  incomingSize: number;
  incomingModifiedAt: string | null;
}

export interface BatchResult {
  batchId: number;
  direction: TransferDirection;
  succeeded: number;
  failed: number;
  skipped: number;
}

export interface TaskbarProgress {
  /** 0..1 while transferring; null = no bar. */
  fraction: number | null;
  mode: 'none' | 'normal' | 'paused' | 'error';
}

export interface EnqueueResult {
  batchId: number;
  count: number;
}

/** One file of a browser-host upload; `relativePath` keeps dropped folders' structure (`a/b/c.txt`). */
export interface UploadFileSpec {
  relativePath: string;
  size: number;
  /** Epoch ms of the local file (for "overwrite if newer"). */
  lastModified: number;
}

export interface UploadBeginRequest {
  remoteDir: string;
  conflict: ConflictPolicy;
  files: UploadFileSpec[];
  /** Relative paths of dropped folders that hold nothing (created remotely so the structure is kept). */
  folders?: string[];
}

/** Bytes of one staged file at `offset`; `data` is base64 of at most 128 KiB. */
export interface UploadChunk {
  uploadId: string;
  fileIndex: number;
  offset: number;
  /** The bytes (browser host: a raw binary frame), or base64 of at most 128 KiB. */
  data: string | Uint8Array;
}

/**
 * A drag-out ticket (both shells): the page puts
 * `<mime>:<name>:<origin><url>` into `DownloadURL` when a remote file is
 * dragged out of the window; Chromium then fetches `url` from the host (or
 * Electron's `app://portico` protocol),
 * which downloads the file over FTPS and serves it once. Single use, and
 * only valid for a short time if not used.
 */
export interface DragOutTicket {
  /** Same-origin path on the host, e.g. `/transfers/drag-out/<token>`. */
  url: string;
  /** Local file name (made safe; never contains `:`). */
  name: string;
  mime: string;
}

/** What the host reads for a drag-out: wait (`pending`) or the file's bytes. */
export type DragOutChunk = { state: 'pending' } | ({ state: 'ready' } & DownloadChunk);

/** One finished entry of a browser-host download batch (`transfers:download-tree`). */
export interface DownloadTreeEntry {
  itemId: number;
  /** `/`-separated, relative to the batch's download folder (the local names main saved under). */
  relativePath: string;
  /** An empty folder: created so the tree keeps it. */
  folder: boolean;
  size: number;
}

export interface DownloadChunk {
  name: string;
  size: number;
  /** base64, at most 128 KiB. */
  data: string;
  eof: boolean;
}
