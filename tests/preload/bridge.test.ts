import { describe, expect, it } from 'vitest';
import { createDesktopApi } from '../../preload/bridge';
import type { BridgeTransport } from '../../common/contract';

/** An in-memory transport that records invokes and lets the test fire events. */
function fakeTransport(answer: (channel: string, args: unknown[]) => Promise<unknown>) {
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: BridgeTransport = {
    invoke: (channel, args) => {
      calls.push({ channel, args });
      return answer(channel, args);
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const fire = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { transport, calls, fire, listenerCount: (event: string) => listeners.get(event)?.size ?? 0 };
}

describe('createDesktopApi', () => {
  it('forwards invokes with their channel and arguments and returns the answer', async () => {
    const fake = fakeTransport(async (channel, args) => ({ ok: true, value: { echoed: channel, args } }));
    const api = createDesktopApi(fake.transport);
    const request = { portalUrl: 'https://portal.example', username: 'demo', password: 'pw' };
    const result = await api.invoke('auth:sign-in', request);
    expect(fake.calls).toEqual([{ channel: 'auth:sign-in', args: [request] }]);
    expect(result).toEqual({ ok: true, value: { echoed: 'auth:sign-in', args: [request] } });
  });

  it('forwards invokes without arguments as an empty list', async () => {
    const fake = fakeTransport(async () => ({ ok: true, value: [] }));
    await createDesktopApi(fake.transport).invoke('apps:list');
    expect(fake.calls).toEqual([{ channel: 'apps:list', args: [] }]);
  });

  it('turns a failing transport into a connection_failed result instead of throwing', async () => {
    const fake = fakeTransport(async () => {
      throw new Error('socket gone');
    });
    const result = await createDesktopApi(fake.transport).invoke('apps:list');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('connection_failed');
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const fake = fakeTransport(async () => ({ ok: true, value: null }));
    const api = createDesktopApi(fake.transport);
    const seen: unknown[] = [];
    const off = api.on('apps:changed', (apps) => seen.push(apps));
    fake.fire('apps:changed', [{ id: 'a' }]);
    fake.fire('auth:changed', { status: 'signed-out' });
    expect(seen).toEqual([[{ id: 'a' }]]);
    off();
    fake.fire('apps:changed', [{ id: 'b' }]);
    expect(seen).toHaveLength(1);
    expect(fake.listenerCount('apps:changed')).toBe(0);
    off();
  });

  it('keeps two subscriptions of the same listener independent', () => {
    const fake = fakeTransport(async () => ({ ok: true, value: null }));
    const api = createDesktopApi(fake.transport);
    const seen: unknown[] = [];
    const listener = (payload: unknown) => seen.push(payload);
    const offFirst = api.on('auth:changed', listener);
    api.on('auth:changed', listener);
    offFirst();
    fake.fire('auth:changed', 'x');
    expect(seen).toEqual(['x']);
  });
});
