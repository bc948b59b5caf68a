/**
 * Desktop notifications from core events: session ended, transfer batch
 * done/failed. Texts are ours (never server strings) and carry no secrets.
 * Push-waiting and password-expiring notices are built here too, for the
 * MFA and password services to send through the same `Notifier`.
 */
import type { AuthState, BatchResult } from '../../preload/contract';
import type { EventHub, Notifier } from '../ports';

/** A notification's text. */
export interface Notice {
  title: string;
  body: string;
}

/** "Session ended", only when a signed-in session was ended by the portal (not by Sign out). */
export function sessionEndedNotice(previous: AuthState | null, next: AuthState): Notice | null {
  if (previous?.status !== 'signed-in' || next.status !== 'signed-out' || next.reason !== 'session-expired') return null;
  return { title: 'Session ended', body: 'Your portal session ended. Sign in again to continue.' };
}

/** "Upload finished" / "Download failed" for one batch. */
export function batchNotice(batch: BatchResult): Notice | null {
  const total = batch.succeeded + batch.failed + batch.skipped;
  if (total === 0) return null;
  const noun = batch.direction === 'upload' ? 'Upload' : 'Download';
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  if (batch.failed > 0) {
    return { title: `${noun} failed`, body: `${files(batch.failed)} of ${total} could not be transferred. Open Portico to retry.` };
  }
  return { title: `${noun} finished`, body: `${files(batch.succeeded)} transferred${batch.skipped ? `, ${batch.skipped} skipped` : ''}.` };
}

/** "Approve the sign-in on your phone". */
export function pushWaitingNotice(): Notice {
  return { title: 'Approve your sign-in', body: 'A push was sent to your phone. Approve it to finish signing in.' };
}

/** "Your password expires in N days". */
export function passwordExpiringNotice(daysLeft: number): Notice {
  const days = Math.max(0, Math.floor(daysLeft));
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return { title: 'Password expiring', body: `Your portal password expires ${when}. Use Change password… in Portico.` };
}

/** Subscribes the notifier to core events; returns the unsubscribe function. */
export function watchNotices(events: EventHub, notifier: Notifier, initial: AuthState | null = null): () => void {
  let previous = initial;
  return events.on((event, payload) => {
    let notice: Notice | null = null;
    if (event === 'auth:changed') {
      const next = payload as AuthState;
      notice = sessionEndedNotice(previous, next);
      previous = next;
    } else if (event === 'transfers:batch-finished') {
      notice = batchNotice(payload as BatchResult);
    }
    if (notice) notifier.notify(notice.title, notice.body);
  });
}
