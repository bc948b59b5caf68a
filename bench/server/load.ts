/** Tiny closed-loop load generators: N requests with at most C in flight. */
import { connect, type Socket } from 'node:net';

/** Outcome of a load run. */
export interface LoadResult {
  /** Latency of each successful request, ms. */
  latencies: number[];
  errors: number;
  /** First few distinct error descriptions, for the report. */
  errorSamples: string[];
  wallMs: number;
}

/**
 * Runs `total` calls of `request(i)` with `concurrency` workers. A call
 * succeeds when it resolves true; a false or a throw counts as an error.
 */
export async function runLoad(
  total: number,
  concurrency: number,
  request: (index: number) => Promise<true | string>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (let index = next++; index < total; index = next++) {
      const t0 = performance.now();
      let outcome: true | string;
      try {
        outcome = await request(index);
      } catch (error) {
        outcome = (error as Error).message;
      }
      if (outcome === true) latencies.push(performance.now() - t0);
      else {
        errors += 1;
        if (errorSamples.size < 3) errorSamples.add(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latencies, errors, errorSamples: [...errorSamples], wallMs: performance.now() - started };
}

/** Options of {@link runKeepAliveLoad}. */
export interface KeepAliveLoadOptions {
  /** Base URL of the server (http only), or one per connection (several instances, as a balancer would spread them). */
  url: string | ((connection: number) => string);
  /** Request path, e.g. `/api/v1/apps`. */
  path: string;
  /** Extra headers of request number `index` (e.g. `authorization`, so tokens can differ). */
  headers: (index: number, connection: number) => Record<string, string>;
  /** Concurrent clients: one keep-alive connection each, one request in flight each. */
  connections: number;
  /** Stop starting requests after this long (ms)... */
  durationMs?: number;
  /** ...or after this many requests in total. */
  total?: number;
}

/**
 * Closed-loop GET load over raw keep-alive HTTP/1.1 connections. The
 * generator shares the machine with the server, so it does as little as
 * possible per request: a request built from a few strings, and a response parsed only far
 * enough to find its status and end (`content-length`). A 200 counts as
 * success; any other status, a closed connection or a chunked answer is an
 * error (and the connection is opened again).
 */
export async function runKeepAliveLoad(options: KeepAliveLoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let started = 0;
  const t0 = performance.now();
  const deadline = options.durationMs === undefined ? Infinity : t0 + options.durationMs;
  const total = options.total ?? Infinity;
  const more = (): boolean => started < total && performance.now() < deadline;
  const fail = (reason: string): void => {
    errors += 1;
    if (errorSamples.size < 3) errorSamples.add(reason);
  };

  const client = (index: number): Promise<void> =>
    new Promise((resolve) => {
      const target = new URL(typeof options.url === 'string' ? options.url : options.url(index));
      const port = Number(target.port || 80);
      const request = (requestIndex: number): string =>
        Object.entries({ host: target.host, ...options.headers(requestIndex, index) }).reduce(
          (text, [name, value]) => `${text}${name}: ${value}\r\n`,
          `GET ${options.path} HTTP/1.1\r\n`,
        ) + '\r\n';
      let socket: Socket;
      let buffer: Buffer = Buffer.alloc(0);
      // Why the connection is about to close, reported once by the close handler.
      let closeReason: string | null = null;
      let sentAt = 0;
      let inFlight = false;
      const send = (): void => {
        if (!more()) {
          socket.end();
          resolve();
          return;
        }
        const text = request(started);
        started += 1;
        inFlight = true;
        sentAt = performance.now();
        socket.write(text, 'latin1');
      };
      const onData = (chunk: Buffer): void => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const headText = buffer.toString('latin1', 0, end);
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(headText);
        if (!length) {
          closeReason = 'response without content-length';
          socket.destroy();
          return;
        }
        const size = end + 4 + Number(length[1]);
        if (buffer.length < size) return;
        buffer = buffer.subarray(size);
        inFlight = false;
        const status = Number(headText.slice(9, 12));
        if (status === 200) latencies.push(performance.now() - sentAt);
        else fail(`HTTP ${status}`);
        send();
      };
      const open = (): void => {
        buffer = Buffer.alloc(0);
        socket = connect({ host: target.hostname, port, noDelay: true }, send);
        socket.on('data', onData);
        socket.on('error', (error) => {
          closeReason = error.message;
        });
        socket.on('close', () => {
          if (!inFlight) return;
          inFlight = false;
          fail(closeReason ?? 'connection closed mid-request');
          closeReason = null;
          if (more()) open();
          else resolve();
        });
      };
      open();
    });

  await Promise.all(Array.from({ length: options.connections }, (_, index) => client(index)));
  return { latencies, errors, errorSamples: [...errorSamples], wallMs: performance.now() - t0 };
}
