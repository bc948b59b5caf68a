/** The record the transfers service keeps for the signed-in user's engine. */
import type { TransferConflictView } from '../../../common/contract';
import type { TransferEngine } from './engine';
import type { UploadStaging } from './staging';

/** One signed-in user's engine and what the service keeps beside it. */
export interface UserEngine {
  key: string;
  dir: string;
  engine: TransferEngine;
  staging: UploadStaging;
  /** Staging folder of each browser-host upload batch, removed when the batch ends cleanly. */
  stagedBatches: Map<number, string>;
  conflicts: Map<number, TransferConflictView>;
  stop: () => void;
}
