/** What a `TransferEngine` is built with. */
import type { TransferCredentials } from './types';

export interface TransferEngineOptions {
  /** The client's user-data dir; the queue lives in `<dataDir>/transfers/queue.jsonl`. */
  dataDir: string;
  /** Parallel connections (default 4). */
  connections?: number;
  /** Waits before retries 1, 2, 3 (default 2 s, 4 s, 8 s). */
  retryDelaysMs?: number[];
  /** Socket timeout (default 30 s). */
  timeoutMs?: number;
  /** Total bandwidth limit in bytes/s; 0 = none. */
  bytesPerSecondLimit?: number;
  /** How often `progress` is emitted while transferring (default 250 ms). */
  progressIntervalMs?: number;
  now?: () => number;
  /** Caps the TLS version (default: negotiate, TLS 1.2 minimum). */
  maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Asked for fresh credentials when the token expired (e.g. the portal API while signed in). */
  refreshCredentials?: () => Promise<TransferCredentials | null>;
}
