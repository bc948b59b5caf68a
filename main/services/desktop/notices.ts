/**
 * Desktop notifications: session ended (from core events), push waiting (when
 * a push goes out), and the relay every notice passes through. Transfer batch
 * and password-expiring notices are sent by the transfers and password
 * services through the same relay. Texts are ours (never server strings) and
 * carry no secrets.
 */
import type { AuthState, BatchResult, PushStarted } from '../../../common/contract';
import type { EventHub, Notifier } from '../../ports';
import type { DesktopSettingsStore } from './settings';

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

/**
 * Subscribes the notifier to core events; returns the unsubscribe function.
 * Only "session ended" comes from here: a finished transfer batch is notified
 * by the transfers service itself (doing it here too showed it twice).
 */
export function watchNotices(events: EventHub, notifier: Notifier, initial: AuthState | null = null): () => void {
  let previous = initial;
  return events.on('auth:changed', (next) => {
    const notice = sessionEndedNotice(previous, next);
    previous = next;
    if (notice) notifier.notify(notice.title, notice.body);
  });
}

/** What {@link createNoticeRelay} needs. */
export interface NoticeRelayDeps {
  /** The shell's notifier (OS notifications in Electron, stdout in the browser host). */
  base: Notifier;
  /** The user's "Show notifications" preference. */
  settings: Pick<DesktopSettingsStore, 'notifications'>;
  /**
   * Browser host: the console is not something a user sees, so every notice is
   * also sent to the page (`desktop:notice`), which shows it with the Web
   * Notifications API when allowed, else as an in-app toast.
   */
  page?: EventHub;
}

/** The notifier the services use: honours the preference and reaches the page in the browser host. */
export function createNoticeRelay(deps: NoticeRelayDeps): Notifier {
  return {
    notify: (title, body, options) => {
      if (!deps.settings.notifications()) return;
      deps.base.notify(title, body, options);
      deps.page?.emit('desktop:notice', { title, body, whenAway: options?.whenAway === true });
    },
  };
}

/**
 * Wraps the `mfa:push-start` handler so a sent push also says "approve it on
 * your phone" — only when the user is away from Portico (the window shows
 * the wait already), which the shell decides (`whenAway`).
 */
export function notifyPushStarts<H extends { 'mfa:push-start': () => PushStarted | Promise<PushStarted> }>(handlers: H, notifier: Notifier): H {
  const start = handlers['mfa:push-start'];
  return {
    ...handlers,
    'mfa:push-start': async () => {
      const started = await start();
      const notice = pushWaitingNotice();
      notifier.notify(notice.title, notice.body, { whenAway: true });
      return started;
    },
  };
}
