/**
 * What a runner (upload or download of one item) gets from the engine, and
 * what it answers.
 */
import type { FtpConnection } from './ftp-connection';
import type { LocalNameIndex } from './local-names';
import type { RemoteDirCache } from './remote-dir-cache';
import type { RateLimiter } from './stream-utils';
import type { ConflictChoice, TransferBatch, TransferConflict, TransferItem } from './types';


export interface RunContext {
  conn: FtpConnection;
  /** Gives the connection back to the pool early; `conn` must not be used afterwards. */
  releaseConnection(): void;
  item: TransferItem;
  batch: TransferBatch;
  limiter: RateLimiter;
  /** Remote folders known to exist. */
  knownDirs: Set<string>;
  /** Cached remote folder listings (conflict checks without a round trip per file). */
  listings: RemoteDirCache;
  /** Local folders already created and proven inside their batch's root. */
  localDirs: Set<string>;
  /** What the local folders hold, by case-insensitive key. */
  localNames: LocalNameIndex;
  /** Records bytes moved (progress). */
  onBytes(n: number): void;
  /** Sets the absolute progress (after a resume check). */
  setTransferred(n: number): void;
  /** Persists changed item fields (size, chosen name, `partial`). */
  persist(fields: Partial<TransferItem>): void;
}

export type RunOutcome =
  | { status: 'done' | 'verified' | 'skipped' }
  | { status: 'conflict'; conflict: Pick<TransferConflict, 'existingSize' | 'existingModifiedAt' | 'incomingSize' | 'incomingModifiedAt'> };

/** The answer that applies to this item's conflict, if any has been given. */
export function effectiveChoice(item: TransferItem, batch: TransferBatch): ConflictChoice | undefined {
  return item.choice ?? batch.choiceForAll ?? (batch.conflict === 'ask' ? undefined : batch.conflict);
}
