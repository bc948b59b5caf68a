/**
 * Cross-instance signals: "something with this key changed, look again".
 * A signal carries a topic and a key (an id — never a secret, never state);
 * receivers re-read the database, which stays the only source of truth.
 *
 * - PGlite is one process only, so signals are delivered in process. Every
 *   `openSignals` on the same `Db` object shares one bus, so several apps
 *   built on one embedded database (tests) hear each other.
 * - PostgreSQL: each `Signals` keeps one dedicated `pg` client doing
 *   `LISTEN portico_signals`; `publish` runs `SELECT pg_notify(...)` with a
 *   JSON payload `{s, t, k}` (schema, topic, key). Every instance on the same
 *   database and schema hears it, including the sender. When the listening
 *   connection drops it reconnects with backoff, and because notifications
 *   sent meanwhile are lost, it then delivers {@link RESYNC_TOPIC} so that
 *   subscribers re-read whatever they watch.
 */
import pg from 'pg';
import type { Db } from './types';

/** Cross-instance notifications: topic + key (never secrets). */
export interface Signals {
  /** Delivers `key` to every subscriber of `topic` on every instance sharing the database (including this one), after the caller's write is committed. */
  publish(topic: string, key: string): Promise<void>;
  /** Returns the unsubscribe function. Listeners must not throw. */
  subscribe(topic: string, listener: (key: string) => void): () => void;
  close(): Promise<void>;
}

/**
 * Topic delivered (key `''`) after signals may have been missed — the
 * PostgreSQL listen connection came back after a drop. Subscribers of it
 * re-read everything they wait for.
 */
export const RESYNC_TOPIC = '*resync';

/** The PostgreSQL channel every instance listens on. */
export const SIGNALS_CHANNEL = 'portico_signals';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay under. */
export const MAX_PAYLOAD_BYTES = 7999;

/** Options of {@link openSignals}. */
export interface SignalsOptions {
  /** PostgreSQL connection string; required for cross-process delivery when `db.kind` is `postgres`. */
  connectionString?: string;
  /** PostgreSQL schema of this portal: only instances on the same schema hear each other. */
  schema?: string;
  /** Reconnect backoff of the listen connection (ms); defaults 100 → 5000. */
  reconnect?: { minDelayMs: number; maxDelayMs: number };
  /** Told about listen-connection failures (never includes payloads). */
  onError?: (error: Error) => void;
}

type Listener = (key: string) => void;

/** Topic → listeners, with safe delivery. */
class Subscribers {
  private readonly byTopic = new Map<string, Set<Listener>>();

  add(topic: string, listener: Listener): () => void {
    let set = this.byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
    }
    // Wrapped so the same function subscribed twice gets two deliveries and two unsubscribes.
    const entry: Listener = (key) => listener(key);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.byTopic.get(topic) === set) this.byTopic.delete(topic);
    };
  }

  deliver(topic: string, key: string): void {
    const set = this.byTopic.get(topic);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(key);
      } catch {
        // A listener must not throw; if one does, the others still hear the signal.
      }
    }
  }

  clear(): void {
    this.byTopic.clear();
  }
}

function checkSignal(topic: string, key: string): string {
  if (typeof topic !== 'string' || topic.length === 0 || typeof key !== 'string') {
    throw new Error('A signal needs a topic and a key.');
  }
  return topic;
}

/** In-process buses, one per embedded database. */
const localBuses = new WeakMap<Db, Set<Subscribers>>();

function openLocalSignals(db: Db): Signals {
  let bus = localBuses.get(db);
  if (!bus) {
    bus = new Set();
    localBuses.set(db, bus);
  }
  const members = bus;
  const own = new Subscribers();
  members.add(own);
  let closed = false;
  return {
    async publish(topic, key) {
      checkSignal(topic, key);
      if (closed) return;
      // After the caller's await returns, like a notification from the database.
      await Promise.resolve();
      for (const member of [...members]) member.deliver(topic, key);
    },
    subscribe: (topic, listener) => own.add(checkSignal(topic, ''), listener),
    async close() {
      closed = true;
      members.delete(own);
      own.clear();
    },
  };
}

interface Payload {
  s: string;
  t: string;
  k: string;
}

function parsePayload(text: string | undefined): Payload | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Payload> | null;
    if (!value || typeof value.s !== 'string' || typeof value.t !== 'string' || typeof value.k !== 'string') return null;
    return value as Payload;
  } catch {
    return null;
  }
}

async function openPostgresSignals(db: Db, options: SignalsOptions & { connectionString: string }): Promise<Signals> {
  // Instances hear each other only within one schema (tests share one database between many).
  let scope = options.schema ?? '';
  const minDelay = options.reconnect?.minDelayMs ?? 100;
  const maxDelay = options.reconnect?.maxDelayMs ?? 5000;
  const own = new Subscribers();
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let delay = minDelay;

  const report = (error: unknown): void => {
    if (!closed) options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };

  const connect = async (): Promise<void> => {
    // Named after the schema, so operators (and tests) can tell whose listener a backend is.
    const next = new pg.Client({ connectionString: options.connectionString, application_name: `portico_signals:${options.schema ?? ''}`.slice(0, 63) });
    // Until LISTEN succeeds, failures are handled by the caller of connect().
    next.on('error', () => undefined);
    await next.connect();
    try {
      await next.query(`LISTEN ${SIGNALS_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    next.on('notification', (message) => {
      if (message.channel !== SIGNALS_CHANNEL) return;
      const payload = parsePayload(message.payload);
      if (payload && payload.s === scope) own.deliver(payload.t, payload.k);
    });
    const lost = (error?: unknown): void => {
      if (client !== next) return;
      client = null;
      next.removeAllListeners('notification');
      void next.end().catch(() => undefined);
      if (error) report(error);
      schedule();
    };
    next.on('error', lost);
    next.on('end', () => lost(new Error('The signals connection closed.')));
    client = next;
    delay = minDelay;
  };

  const schedule = (): void => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        // Anything published while we were away was lost: tell subscribers to look again.
        () => own.deliver(RESYNC_TOPIC, ''),
        (error: unknown) => {
          report(error);
          delay = Math.min(maxDelay, delay * 2);
          schedule();
        },
      );
    }, delay);
    retryTimer.unref?.();
  };

  await connect();
  if (options.schema === undefined && client) {
    // The schema may come from the URL (`?options=-c search_path=...`).
    const found = await (client as pg.Client).query<{ schema: string | null }>('SELECT current_schema() AS schema');
    scope = found.rows[0]?.schema ?? '';
  }
  return {
    async publish(topic, key) {
      checkSignal(topic, key);
      if (closed) return;
      const payload = JSON.stringify({ s: scope, t: topic, k: key });
      if (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) throw new Error('Signal too large.');
      // Through the pool, outside any transaction: delivered at once to every listener.
      await db.query('SELECT pg_notify($1, $2)', [SIGNALS_CHANNEL, payload]);
    },
    subscribe: (topic, listener) => own.add(checkSignal(topic, ''), listener),
    async close() {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      own.clear();
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners('notification');
        await current.end().catch(() => undefined);
      }
    },
  };
}

/**
 * Opens the signals of a database: LISTEN/NOTIFY on PostgreSQL when a
 * connection string is given, in-process otherwise (PGlite, or a PostgreSQL
 * `Db` without one — then only this process hears, and cross-instance
 * consumers must rely on their own safety polling).
 */
export async function openSignals(db: Db, options: SignalsOptions = {}): Promise<Signals> {
  if (db.kind === 'postgres' && options.connectionString) {
    return openPostgresSignals(db, { ...options, connectionString: options.connectionString });
  }
  return openLocalSignals(db);
}
