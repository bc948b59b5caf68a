/**
 * Public types of the transfer engine. Plain data, safe to send to the
 * renderer: no secrets (the transfer token stays inside the engine). The
 * ones the renderer sees as they are live in `common/contract/transfer-items.ts`.
 */
import type {
  ActiveItemProgress,
  ConflictChoice,
  ConflictPolicy,
  TransferDirection,
  TransferStatus,
  TransferTotals,
} from '../../../../common/contract/transfer-items';

export type * from '../../../../common/contract/transfer-items';

/** What the portal's `POST /api/v1/transfers/credentials` returns. */
export interface TransferCredentials {
  host: string;
  port: number;
  username: string;
  /** Short-lived transfer token, used as the FTP password. Secret. */
  token: string;
  /** ISO time the token stops working for new connections. */
  expiresAt: string;
  /** Certificate pin of a self-signed portal; absent means "verify with the system CAs". */
  tls: { fingerprint256?: string };
}

/** Why an item failed (or why the queue waits). */
export type TransferErrorCode =
  | 'disk_full'
  | 'remote_full'
  | 'file_too_large'
  | 'source_missing'
  | 'source_changed'
  | 'token_revoked'
  | 'credentials_expired'
  | 'not_ftps'
  | 'certificate_mismatch'
  | 'tls_failed'
  | 'pasv_host_refused'
  | 'unsafe_name'
  | 'permission_denied'
  | 'remote_error'
  | 'connection_failed'
  | 'too_many_connections'
  | 'verify_failed'
  | 'listing_too_large'
  | 'interrupted'
  | 'internal';

export interface TransferItemError {
  code: TransferErrorCode;
  message: string;
}

/** One file in the queue. */
export interface TransferItem {
  id: number;
  batchId: number;
  direction: TransferDirection;
  /** Absolute local path: the source of an upload, the final target of a download. */
  localPath: string;
  /** Absolute remote path (within the user's jail): target of an upload, source of a download. */
  remotePath: string;
  /** Expected bytes; -1 while unknown. */
  size: number;
  transferred: number;
  status: TransferStatus;
  /** Failed tries so far (the first try is not counted). */
  attempts: number;
  /** Answer chosen for this item's conflict, if any. */
  choice?: ConflictChoice;
  /** Last error: the reason of `failed`, or why a queued item waits. */
  error?: TransferItemError;
  /** An empty folder to create (so a dropped tree keeps its structure); `size` is 0. */
  folder?: boolean;
  /** Set once bytes may exist in a part file: the next try checks for it and resumes. */
  partial?: boolean;
  /** The part file's own random name, in the target's folder (see `part-names.ts`). */
  partName?: string;
  /** Epoch ms before which a retry must not start. */
  retryAt?: number;
}

/** Per-batch settings (one drop / one dialog choice). */
export interface TransferBatch {
  id: number;
  direction: TransferDirection;
  /** Local folder every download of this batch must stay inside. */
  localRoot: string;
  conflict: ConflictPolicy;
  /** Set by "apply to all in this batch". */
  choiceForAll?: ConflictChoice;
}

/** Details shown when asking about a conflict. */
export interface TransferConflict {
  itemId: number;
  batchId: number;
  direction: TransferDirection;
  localPath: string;
  remotePath: string;
  existingSize: number;
  existingModifiedAt: string | null;
  incomingSize: number;
  incomingModifiedAt: string | null;
}

export type QueueRunState = 'running' | 'paused' | 'waiting-credentials';

export interface QueueState {
  state: QueueRunState;
  /** Why the queue waits (e.g. `credentials_expired`), for the UI. */
  reason?: TransferErrorCode;
  connections: number;
  connectionLimit: number;
}

/** Events the engine emits (a router forwards them as `transfers:*`). */
export interface TransferEvents {
  progress: { totals: TransferTotals; active: ActiveItemProgress[] };
  /** An item's status changed (not emitted for every byte). */
  item: TransferItem;
  /** Many items changed at once (enqueue, retry-all, clear): re-read the page. */
  'queue-changed': QueueState & { items: number };
  conflict: TransferConflict;
  'batch-finished': { batchId: number; direction: TransferDirection; succeeded: number; failed: number; skipped: number };
  'credentials-needed': { reason: 'credentials_expired' | 'token_revoked' | 'missing' };
}

export type TransferEventName = keyof TransferEvents;
/** One engine event and its payload, as a tuple union: a `switch (event)` narrows `payload`. */
export type TransferEvent = { [E in TransferEventName]: [event: E, payload: TransferEvents[E]] }[TransferEventName];
/** Told every engine event; `(event, payload) => { switch (event) … }` gets each payload's own type. */
export type TransferListener = (...event: TransferEvent) => void;
