/**
 * Turns many concurrent per-key database operations into one statement.
 * The embedded database runs one query at a time, so 200 clients whose
 * sessions all need a read (first use, or the cache TTL ran out together)
 * would otherwise queue 200 queries; batched, they cost one. With
 * PostgreSQL it saves round trips and pool connections the same way.
 *
 * Keys asked for during the same event-loop turn, or while the previous
 * batch is still running, go into the next batch; a key asked for twice
 * is run once.
 */

interface Waiter<V> {
  resolve(value: V | null): void;
  reject(error: unknown): void;
}

/** Runs `run` on batches of keys; each caller gets its key's value (or null). */
export class KeyBatcher<K, V> {
  private waiting = new Map<K, Waiter<V>[]>();
  private running = false;
  private scheduled = false;

  constructor(
    private readonly run: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxKeys = 500,
  ) {}

  /** Queues `key` for the next batch. */
  request(key: K): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: requests already read from sockets get to join first.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.waiting.size === 0) return;
    this.running = true;
    const batch = new Map<K, Waiter<V>[]>();
    for (const [key, waiters] of this.waiting) {
      if (batch.size >= this.maxKeys) break;
      batch.set(key, waiters);
    }
    for (const key of batch.keys()) this.waiting.delete(key);
    try {
      const results = await this.run([...batch.keys()]);
      for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(results.get(key) ?? null);
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    } finally {
      this.running = false;
      if (this.waiting.size > 0) this.schedule();
    }
  }
}
