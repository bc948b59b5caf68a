/** Asking for fresh transfer credentials on the engine's own, when a token expired mid-queue. */
import type { TransferCredentials } from './types';

/** How long after one automatic refresh the next may start. */
const MIN_REFRESH_GAP_MS = 10_000;

/**
 * At most one automatic refresh at a time and per 10 s: a server that keeps
 * refusing fresh tokens must not make us hammer the portal.
 */
export class CredentialRefresher {
  private refreshing = false;
  private lastRefreshAt = -Infinity;

  constructor(
    private readonly refreshCredentials: (() => Promise<TransferCredentials | null>) | undefined,
    private readonly now: () => number,
  ) {}

  /** Starts a refresh if allowed; `apply` gets the fresh credentials (nothing happens on none or on an error). */
  refresh(apply: (fresh: TransferCredentials) => void): void {
    const refresh = this.refreshCredentials;
    if (refresh && !this.refreshing && this.now() - this.lastRefreshAt > MIN_REFRESH_GAP_MS) {
      this.refreshing = true;
      this.lastRefreshAt = this.now();
      refresh()
        .then((fresh) => {
          if (fresh) apply(fresh);
        })
        .catch(() => undefined)
        .finally(() => (this.refreshing = false));
    }
  }
}
