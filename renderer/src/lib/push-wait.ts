/**
 * The push long-poll loop shared by sign-in (*Choose an authentication
 * method*) and the forgotten-password reset: ask main to wait, and ask
 * again while the portal answers `pending`, until the phone answers, the
 * push ends, the call fails, or the caller moved on (cancel, new push).
 */
import type { ApiError, Result } from '../../../common/contract';

/** Shown after the user cancels a push. */
export const PUSH_CANCELLED_NOTICE = 'Push cancelled. Send another or enter a passcode.';

/** How a wait ended. */
export type PushWaitOutcome<R> =
  | { kind: 'answer'; value: R }
  | { kind: 'failed'; error: ApiError }
  /** The caller cancelled or started another push meanwhile: ignore the result. */
  | { kind: 'superseded' };

/**
 * Calls `wait` until its answer is no longer `pending`. `isCurrent` is
 * checked after every call so a late answer to a cancelled wait is dropped.
 */
export async function waitForPushAnswer<R extends { state: string }>(
  wait: () => Promise<Result<R>>,
  isCurrent: () => boolean,
): Promise<PushWaitOutcome<R>> {
  for (;;) {
    const result = await wait();
    if (!isCurrent()) return { kind: 'superseded' };
    if (!result.ok) return { kind: 'failed', error: result.error };
    if (result.value.state !== 'pending') return { kind: 'answer', value: result.value };
  }
}
