/** What becomes of an item whose run ended in an error: wait, retry with backoff, or fail. */
import type { TransferError } from './errors';
import type { Slot } from './slots';
import type { TransferCredentials, TransferItem } from './types';

/** The status to set and what the scheduler does next. */
export interface FailureStep {
  status: 'queued' | 'failed';
  fields: Partial<TransferItem>;
  /** `queue-changed`: the server is full for now; a reason: wait for new credentials. */
  then?: 'queue-changed' | 'credentials_expired' | 'token_revoked';
}

/** Null when nothing changes (the item was cancelled, or paused and no longer running). */
export function afterFailure(
  item: TransferItem,
  slot: Slot,
  error: TransferError,
  ctx: { now: () => number; credentials: TransferCredentials | null; retryDelays: readonly number[] },
): FailureStep | null {
  if (slot.stop === 'cancel' || item.status === 'cancelled') return null;
  if (slot.stop === 'pause' || item.status === 'paused') {
    return item.status === 'running' ? { status: 'queued', fields: {} } : null;
  }
  const code = error.code;
  if (code === 'too_many_connections') {
    return { status: 'queued', fields: { retryAt: ctx.now() + 1000, error: { code, message: error.message } }, then: 'queue-changed' };
  }
  if (code === 'token_revoked' || code === 'credentials_expired') {
    const expired = code === 'credentials_expired' || (ctx.credentials !== null && ctx.now() >= Date.parse(ctx.credentials.expiresAt) - 2000);
    const reason = expired ? 'credentials_expired' : 'token_revoked';
    const message = expired ? 'Transfer sign-in expired; waiting for new credentials' : 'The portal revoked the transfer token; waiting for new credentials';
    return { status: 'queued', fields: { error: { code: reason, message } }, then: reason };
  }
  if (error.retryable && item.attempts < ctx.retryDelays.length) {
    const delay = ctx.retryDelays[item.attempts] ?? 0;
    return { status: 'queued', fields: { attempts: item.attempts + 1, retryAt: ctx.now() + delay, error: { code, message: error.message } } };
  }
  return { status: 'failed', fields: { error: { code, message: error.message } } };
}
