/**
 * FTPS sessions end with the portal session. Every revocation of a user's
 * portal sessions (sign-out, password change or reset, MFA change, disable,
 * MFA reset) goes through the session store, which moves the user's
 * sessions epoch and then signals `sessions` on the cluster bus. Each
 * instance's watch hears it and asks the database, in one query, which of
 * its open FTPS logins still rest on a valid grant; the others are cut with
 * their data connections.
 *
 * The signal normally arrives in milliseconds. So that the cut also comes
 * within {@link DEFAULT_RECHECK_MS} when a signal is lost (the PostgreSQL
 * listen connection dropping, a change made by another process without the
 * bus), open logins are re-checked at that interval too — one query per
 * instance, and only while someone is logged in.
 */
import { SESSIONS_TOPIC } from '../auth/session-cache';
import { RESYNC_TOPIC, type Signals } from '../db/signals';

/** Safety re-check of open logins: 1 s, half the 2 s promised for a cut. */
export const DEFAULT_RECHECK_MS = 1000;

/** What the watch needs from the endpoint and the tokens. */
export interface RevocationWatchDeps {
  signals: Pick<Signals, 'subscribe'>;
  /** Grants of the logged-in sessions now. */
  grants(): string[];
  /** Which of `grants` are still valid. */
  stillGranted(grants: readonly string[]): Promise<Set<string>>;
  /** Closes the sessions whose grant `keep` refuses. */
  cutGrants(keep: (grant: string) => boolean): number;
  recheckMs?: number | undefined;
  /** Told when a check failed (the next signal or tick checks again). */
  onError?(error: unknown): void;
}

/** A running watch. */
export interface RevocationWatch {
  /** Re-checks every open login now; resolves when done (coalesced with a check under way). */
  check(): Promise<void>;
  stop(): void;
}

/** Starts watching revocations for one FTPS endpoint. */
export function watchRevocations(deps: RevocationWatchDeps): RevocationWatch {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const once = async (): Promise<void> => {
    const grants = deps.grants();
    if (grants.length === 0) return;
    const valid = await deps.stillGranted(grants);
    // Only logins the query saw: one made meanwhile is checked by the next round.
    const asked = new Set(grants);
    if (!stopped) deps.cutGrants((grant) => !asked.has(grant) || valid.has(grant));
  };

  const check = (): Promise<void> => {
    if (running) {
      // A signal during a check: its change may have committed after our query read.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await once().catch((error: unknown) => deps.onError?.(error));
        } while (again && !stopped);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const stops = [
    deps.signals.subscribe(SESSIONS_TOPIC, () => void check()),
    deps.signals.subscribe(RESYNC_TOPIC, () => void check()),
  ];
  const timer = setInterval(() => void check(), deps.recheckMs ?? DEFAULT_RECHECK_MS);
  timer.unref?.();
  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
      for (const stop of stops) stop();
    },
  };
}
