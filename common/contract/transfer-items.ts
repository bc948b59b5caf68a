/**
 * The transfer engine's plain data that the renderer sees as it is. TYPES
 * ONLY, and the ground floor: nothing here imports from main/, preload/,
 * renderer/ or server/. The engine (`main/services/transfers/engine/types.ts`)
 * and the IPC contract (`common/contract/transfers.ts`) both take them from here.
 */

export type TransferDirection = 'upload' | 'download';

/**
 * `verified`: size and SHA-256 matched the server's hash; `done`: size
 * matched (the server cannot hash).
 */
export type TransferStatus = 'queued' | 'running' | 'paused' | 'conflict' | 'done' | 'verified' | 'failed' | 'cancelled' | 'skipped';

/** An answer to "the target already exists". */
export type ConflictChoice = 'overwrite' | 'overwrite-if-newer' | 'resume' | 'rename' | 'skip';
/** How a batch treats conflicts: ask the user, or one fixed answer. */
export type ConflictPolicy = 'ask' | ConflictChoice;

export interface TransferTotals {
  items: number;
  queued: number;
  running: number;
  finished: number;
  failed: number;
  conflicts: number;
  totalBytes: number;
  transferredBytes: number;
  bytesPerSecond: number;
  /** null when unknown (no speed yet). */
  etaSeconds: number | null;
}

export interface ActiveItemProgress {
  id: number;
  transferred: number;
  size: number;
  bytesPerSecond: number;
}

/** A remote folder entry for the browser view. */
export interface RemoteEntry {
  /** The name as the server sent it, control characters replaced for display. */
  name: string;
  type: 'file' | 'dir';
  size: number;
  modifiedAt: string | null;
  /** False when the name cannot be downloaded safely (`..`, separators, CR/LF/NUL). */
  downloadable: boolean;
}
