/**
 * Pre-login caps for the FTPS endpoint: connections that have not logged in
 * yet are cheap to open and cost a slot each, so a few dozen idle sockets
 * used to fill `maxConnections` and lock every user out for the whole idle
 * timeout. Two limits keep them in check:
 *
 * - A short pre-login timeout: AUTH TLS, USER and PASS must be done within
 *   `timeoutMs` (default 10 s), or the connection is closed.
 * - At most `maxPerAddress` pre-login connections per client address
 *   (default 8), counted against pre-login connections only: logged-in
 *   sessions never count and are never closed by these caps.
 *
 * When a cap is reached the *oldest* pre-login connection goes, not the new
 * one. Refusing the newcomer would let anyone sharing an address (a NAT, a
 * proxy, or every test on 127.0.0.1) keep real users out with idle sockets;
 * closing the oldest means a real client, which logs in within a few round
 * trips, is only ever at risk from someone opening `maxPerAddress` new
 * connections from its own address inside that moment. The same rule serves
 * the endpoint-wide cap: when `maxConnections` is full, the oldest pre-login
 * connection anywhere makes room, and only a server full of logged-in
 * sessions answers `421 Too many connections`.
 */

/** Settings of {@link PreLoginGate}. */
export interface PreLoginLimits {
  /** Most connections per address that have not logged in yet. */
  maxPerAddress: number;
  /** How long a connection may take to log in. */
  timeoutMs: number;
}

export const DEFAULT_PRE_LOGIN_LIMITS: PreLoginLimits = { maxPerAddress: 8, timeoutMs: 10_000 };

/** A connection that has not logged in yet, as the gate tracks it. */
export interface PreLoginTicket {
  /** The connection logged in: it leaves the pre-login caps for good. */
  loggedIn(): void;
  /** The connection ended on its own. */
  closed(): void;
}

interface Entry {
  address: string;
  timer: NodeJS.Timeout;
  /** Closes the connection; `reason` is the text of its 421 reply. */
  close(reason: string): void;
}

/** Tracks pre-login connections per address, oldest first. */
export class PreLoginGate {
  /** Every pre-login connection, oldest first (a Set keeps insertion order). */
  private readonly all = new Set<Entry>();
  private readonly byAddress = new Map<string, Set<Entry>>();

  constructor(private readonly limits: PreLoginLimits = DEFAULT_PRE_LOGIN_LIMITS) {}

  /** Pre-login connections now (all addresses, or one). */
  count(address?: string): number {
    return address === undefined ? this.all.size : (this.byAddress.get(normalize(address))?.size ?? 0);
  }

  /**
   * Registers a new connection, first closing the oldest pre-login
   * connection of its address if that address is at its cap.
   */
  admit(address: string, close: (reason: string) => void): PreLoginTicket {
    const key = normalize(address);
    const mine = this.byAddress.get(key);
    if (mine && mine.size >= this.limits.maxPerAddress) {
      const oldest = mine.values().next().value;
      if (oldest) this.evict(oldest, 'Too many connections from your address that have not logged in');
    }
    const entry: Entry = {
      address: key,
      close,
      timer: setTimeout(() => this.evict(entry, 'Login took too long'), this.limits.timeoutMs),
    };
    entry.timer.unref?.();
    this.all.add(entry);
    const set = this.byAddress.get(key) ?? new Set<Entry>();
    set.add(entry);
    this.byAddress.set(key, set);
    return { loggedIn: () => this.forget(entry), closed: () => this.forget(entry) };
  }

  /** Closes the oldest pre-login connection of any address; false when there is none. */
  evictOldest(): boolean {
    const oldest = this.all.values().next().value;
    if (!oldest) return false;
    this.evict(oldest, 'Too many connections, try again later');
    return true;
  }

  private evict(entry: Entry, reason: string): void {
    if (!this.all.has(entry)) return;
    this.forget(entry);
    entry.close(reason);
  }

  private forget(entry: Entry): void {
    clearTimeout(entry.timer);
    this.all.delete(entry);
    const set = this.byAddress.get(entry.address);
    set?.delete(entry);
    if (set?.size === 0) this.byAddress.delete(entry.address);
  }
}

function normalize(address: string): string {
  return address.replace(/^::ffff:/i, '');
}
