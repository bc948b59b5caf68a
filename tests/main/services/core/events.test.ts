import { describe, expect, expectTypeOf, it } from 'vitest';
import { createEventHub } from '../../../../main/services/core/events';
import type { AppTile, AuthState, EventChannel, PasswordStatus } from '../../../../common/contract';
import { signedOutState } from '../../../fakes/auth-states';

const signedOut = signedOutState('start');

describe('createEventHub', () => {
  it('delivers events, isolates throwing listeners and unsubscribes', () => {
    const errors: unknown[] = [];
    const hub = createEventHub((e) => errors.push(e));
    const seen: string[] = [];
    hub.onAny(() => {
      throw new Error('broken window');
    });
    const off = hub.onAny((event) => void seen.push(event));
    hub.emit('apps:changed', []);
    off();
    hub.emit('apps:changed', []);
    expect(seen).toEqual(['apps:changed']);
    expect(errors).toHaveLength(2);
  });

  it('on(event) delivers only that event, with its payload', () => {
    const hub = createEventHub();
    const apps: AppTile[][] = [];
    const states: AuthState[] = [];
    hub.on('apps:changed', (payload) => void apps.push(payload));
    const offAuth = hub.on('auth:changed', (payload) => void states.push(payload));
    hub.emit('apps:changed', []);
    hub.emit('auth:changed', signedOut);
    hub.emit('password:status', null);
    offAuth();
    hub.emit('auth:changed', signedOut);
    expect(apps).toEqual([[]]);
    expect(states).toEqual([signedOut]);
  });

  it('runs listeners in subscription order, whether they subscribed to one event or all', () => {
    const hub = createEventHub();
    const order: string[] = [];
    hub.on('auth:changed', () => void order.push('first'));
    hub.onAny(() => void order.push('any'));
    hub.on('auth:changed', () => void order.push('last'));
    hub.emit('auth:changed', signedOut);
    expect(order).toEqual(['first', 'any', 'last']);
  });

  it('isolates a throwing one-event listener too', () => {
    const errors: unknown[] = [];
    const hub = createEventHub((e) => errors.push(e));
    const seen: EventChannel[] = [];
    hub.on('apps:changed', () => {
      throw new Error('boom');
    });
    hub.onAny((event) => void seen.push(event));
    hub.emit('apps:changed', []);
    expect(seen).toEqual(['apps:changed']);
    expect(errors).toHaveLength(1);
  });

  it('types each listener by its event', () => {
    const hub = createEventHub();
    hub.on('auth:changed', (payload) => expectTypeOf(payload).toEqualTypeOf<AuthState>());
    hub.on('password:status', (payload) => expectTypeOf(payload).toEqualTypeOf<PasswordStatus | null>());
    const names: EventChannel[] = [];
    hub.onAny((event) => void names.push(event));
    // @ts-expect-error a listener for another event's payload is refused
    hub.on('apps:changed', (payload: AuthState) => payload);
    // @ts-expect-error a wrong payload is refused when emitting
    hub.emit('apps:changed', signedOut);
    // @ts-expect-error unknown events are refused
    hub.on('no:such-event', () => undefined);
    hub.emit('password:status', null);
    expect(names).toEqual(['apps:changed', 'password:status']);
  });
});
