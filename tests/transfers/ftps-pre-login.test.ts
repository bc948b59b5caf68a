/**
 * Pre-login caps: idle sockets that never log in cannot lock real users out
 * (per-address cap on pre-login connections, oldest closed first) and do
 * not hold a slot for longer than the short pre-login timeout.
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreLoginGate } from '../../server/ftps/pre-login';
import { loginClient, startEmbedded, type EmbeddedServer } from './helpers/embedded';
import { RawFtps, within } from './helpers/raw-ftps';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** Opens `count` TCP connections that never send a byte; resolves once all are connected. */
async function idleSockets(port: number, count: number): Promise<{ sockets: net.Socket[]; closed: () => number }> {
  let closed = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect({ host: '127.0.0.1', port });
          socket.on('close', () => closed++);
          socket.on('data', () => undefined);
          socket.once('connect', () => resolve(socket)).once('error', reject);
        }),
    ),
  );
  cleanups.push(() => sockets.forEach((s) => s.destroy()));
  return { sockets, closed: () => closed };
}

async function realLogin(server: EmbeddedServer): Promise<string[]> {
  const client = await loginClient(server, 5_000);
  cleanups.push(() => client.close());
  return (await client.list('/')).map((e) => e.name);
}

describe('pre-login caps', () => {
  it('lets a real user log in within 5 s under a flood of 64 idle sockets from the same address', async () => {
    const server = await startEmbedded();
    cleanups.push(() => server.close());
    const flood = await idleSockets(server.endpoint.port, 64);
    const started = Date.now();
    expect(await realLogin(server)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Only the newest 8 idle sockets are left open (the 9th and later closed the oldest).
    await within(
      new Promise<void>((resolve) => {
        const check = () => (flood.closed() >= 56 ? resolve() : setTimeout(check, 10));
        check();
      }),
    );
    expect(flood.closed()).toBeGreaterThanOrEqual(56);
    expect(flood.sockets.slice(-7).every((s) => !s.destroyed)).toBe(true);
  });

  it('keeps logged-in sessions when pre-login connections fill the server', async () => {
    const server = await startEmbedded({ maxConnections: 4, maxPreLoginPerAddress: 8 });
    cleanups.push(() => server.close());
    const creds = server.credentials();
    const { client: user } = await RawFtps.connect(creds.port);
    cleanups.push(() => user.close());
    await user.login('alice', creds.token);
    await idleSockets(server.endpoint.port, 16);
    expect(await realLogin(server)).toEqual([]);
    expect((await user.send('NOOP')).code).toBe(200);
  });

  it('closes a connection that has not logged in within the pre-login timeout', async () => {
    const server = await startEmbedded({ preLoginTimeoutMs: 1_000 });
    cleanups.push(() => server.close());
    const creds = server.credentials();
    const { client: idle } = await RawFtps.connect(creds.port);
    cleanups.push(() => idle.close());
    const { client: halfway } = await RawFtps.connect(creds.port);
    cleanups.push(() => halfway.close());
    await halfway.authTls();
    expect((await halfway.send('USER alice')).code).toBe(331);
    const { client: user } = await RawFtps.connect(creds.port);
    cleanups.push(() => user.close());
    await user.login('alice', creds.token);
    await within(Promise.all([idle.whenClosed(), halfway.whenClosed()]));
    expect(idle.isClosed).toBe(true);
    expect(halfway.isClosed).toBe(true);
    expect((await user.send('NOOP')).code).toBe(200);
    expect(user.isClosed).toBe(false);
  });
});

describe('PreLoginGate', () => {
  it('closes the oldest pre-login connection of an address at its cap, and never a logged-in one', () => {
    const gate = new PreLoginGate({ maxPerAddress: 2, timeoutMs: 10_000 });
    const closed: string[] = [];
    const a = gate.admit('::ffff:10.0.0.1', () => closed.push('a'));
    gate.admit('10.0.0.1', () => closed.push('b'));
    a.loggedIn();
    gate.admit('10.0.0.1', () => closed.push('c'));
    expect(closed).toEqual([]);
    gate.admit('10.0.0.1', () => closed.push('d'));
    expect(closed).toEqual(['b']);
    gate.admit('10.0.0.2', () => closed.push('e'));
    expect(gate.count('10.0.0.1')).toBe(2);
    expect(gate.count()).toBe(3);
    expect(gate.evictOldest()).toBe(true);
    expect(closed).toEqual(['b', 'c']);
  });

  it('closes connections that do not log in within the timeout (fake clock)', () => {
    vi.useFakeTimers();
    const gate = new PreLoginGate({ maxPerAddress: 8, timeoutMs: 10_000 });
    const closed: string[] = [];
    const reasons: string[] = [];
    const slow = gate.admit('10.0.0.1', (reason) => (closed.push('slow'), reasons.push(reason)));
    const quick = gate.admit('10.0.0.1', () => closed.push('quick'));
    const gone = gate.admit('10.0.0.1', () => closed.push('gone'));
    vi.advanceTimersByTime(9_999);
    quick.loggedIn();
    gone.closed();
    vi.advanceTimersByTime(1);
    expect(closed).toEqual(['slow']);
    expect(reasons[0]).toMatch(/too long/);
    expect(gate.count()).toBe(0);
    expect(gate.evictOldest()).toBe(false);
    slow.closed();
  });
});
