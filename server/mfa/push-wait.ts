/**
 * Waiting for a push's answer without polling per waiter. Whoever settles a
 * push (the approver page, a cancel, expiry) publishes a `push` signal with
 * its id; every instance wakes the clients waiting on that id, which re-read
 * it from the database (the one source of truth). One low-frequency safety
 * poller per instance — running only while someone waits — catches missed
 * signals and pushes that expired unanswered, with one query for all of them.
 */
import type { AppContext } from '../app-context';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { RESYNC_TOPIC, type Signals } from '../db/signals';
import { PUSH_COLUMNS, pushStateAt, toPush, type PushRow, type StoredPush } from './push-store';

/** Signal topic: key = id of a push that was just settled. */
export const PUSH_TOPIC = 'push';

/** How often the safety poller looks at every waited push. */
export const SAFETY_POLL_MS = 2000;

interface Waiter {
  settle(push: StoredPush | null): void;
}

/** Tells every instance that push `id` was settled; never fails the caller (the safety poller covers a lost signal). */
export async function signalPushSettled(signals: Signals, id: string): Promise<void> {
  await signals.publish(PUSH_TOPIC, id).catch(() => undefined);
}

/** The clients of one instance waiting for push answers. */
export class PushWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();
  /** Ids signalled since the last look, read together in one query. */
  private readonly dirty = new Set<string>();
  private flushing = false;
  private poller: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly deps: { db: Db; signals: Signals; clock: Clock },
    private readonly safetyPollMs = SAFETY_POLL_MS,
  ) {
    this.unsubscribe = [
      deps.signals.subscribe(PUSH_TOPIC, (id) => this.markDirty([id])),
      // Signals may have been lost: look at everything waited for.
      deps.signals.subscribe(RESYNC_TOPIC, () => this.markDirty([...this.waiting.keys()])),
    ];
  }

  /** Clients waiting right now (all pushes). */
  get size(): number {
    let n = 0;
    for (const set of this.waiting.values()) n += set.size;
    return n;
  }

  /**
   * Resolves with the push once it is no longer pending (state as of the
   * server clock), or null when `timeoutMs` passes, `abort` fires or the
   * instance closes. The caller checks ownership before waiting.
   */
  wait(push: StoredPush, timeoutMs: number, abort?: AbortSignal): Promise<StoredPush | null> {
    const state = pushStateAt(push, this.deps.clock.now());
    if (state !== 'pending') return Promise.resolve({ ...push, state });
    if (this.closed || abort?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      let set = this.waiting.get(push.id);
      if (!set) {
        set = new Set();
        this.waiting.set(push.id, set);
      }
      const waiters = set;
      const done = (result: StoredPush | null): void => {
        clearTimeout(timer);
        abort?.removeEventListener('abort', onAbort);
        waiters.delete(waiter);
        if (waiters.size === 0 && this.waiting.get(push.id) === waiters) this.waiting.delete(push.id);
        if (this.waiting.size === 0) this.stopPoller();
        resolve(result);
      };
      const waiter: Waiter = { settle: done };
      const onAbort = (): void => done(null);
      const timer = setTimeout(() => done(null), timeoutMs);
      abort?.addEventListener('abort', onAbort, { once: true });
      waiters.add(waiter);
      this.startPoller();
      // Registered before this look, so a signal arriving meanwhile is not lost.
      this.markDirty([push.id]);
    });
  }

  /** Stops waiting (every waiter answers null) and unsubscribes. */
  close(): void {
    this.closed = true;
    this.stopPoller();
    for (const off of this.unsubscribe) off();
    for (const set of [...this.waiting.values()]) for (const waiter of [...set]) waiter.settle(null);
    this.waiting.clear();
  }

  private startPoller(): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => this.markDirty([...this.waiting.keys()]), this.safetyPollMs);
    this.poller.unref?.();
  }

  private stopPoller(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  private markDirty(ids: string[]): void {
    for (const id of ids) if (this.waiting.has(id)) this.dirty.add(id);
    if (this.dirty.size > 0 && !this.flushing) {
      this.flushing = true;
      // Signals arriving in one burst are read with one query.
      setImmediate(() => void this.flush());
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.dirty.size > 0 && !this.closed) {
        const ids = [...this.dirty];
        this.dirty.clear();
        await this.look(ids).catch(() => undefined);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One query for `ids`; wakes the waiters of those no longer pending. */
  private async look(ids: string[]): Promise<void> {
    const found = await this.deps.db.query<PushRow>(`SELECT ${PUSH_COLUMNS} FROM push_requests WHERE id = ANY($1::text[])`, [ids]);
    const now = this.deps.clock.now();
    const expired: string[] = [];
    for (const row of found.rows) {
      const push = toPush(row);
      const state = pushStateAt(push, now);
      if (state === 'pending') continue;
      if (push.state === 'pending') expired.push(push.id);
      for (const waiter of [...(this.waiting.get(push.id) ?? [])]) waiter.settle({ ...push, state });
    }
    if (expired.length > 0) await this.recordExpiry(expired, now);
  }

  /** Writes down expiries this instance noticed and tells the others (their waiters may sit on another clock tick). */
  private async recordExpiry(ids: string[], now: Date): Promise<void> {
    const updated = await this.deps.db.query<{ id: string }>(
      `UPDATE push_requests SET state = 'expired', settled_at = $2 WHERE id = ANY($1::text[]) AND state = 'pending' AND expires_at <= $2 RETURNING id`,
      [ids, now],
    );
    await Promise.all(updated.rows.map((row) => signalPushSettled(this.deps.signals, row.id)));
  }
}

const byContext = new WeakMap<AppContext, PushWaiters>();

/** The instance's waiters (created on first use). */
export function pushWaitersFor(ctx: AppContext): PushWaiters {
  let waiters = byContext.get(ctx);
  if (!waiters) {
    waiters = new PushWaiters(ctx);
    byContext.set(ctx, waiters);
  }
  return waiters;
}

/** Closes the instance's waiters, if any (on app close). */
export function closePushWaiters(ctx: AppContext): void {
  byContext.get(ctx)?.close();
  byContext.delete(ctx);
}
