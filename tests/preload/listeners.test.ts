import { describe, expect, it } from 'vitest';
import { createListenerRegistry } from '../../preload/listeners';

describe('createListenerRegistry', () => {
  it('delivers an event to its own listeners only, until they unsubscribe', () => {
    const registry = createListenerRegistry();
    const seen: unknown[] = [];
    const off = registry.on('auth:changed', (payload) => void seen.push(['auth', payload]));
    registry.on('apps:changed', (payload) => void seen.push(['apps', payload]));
    registry.deliver('auth:changed', 1);
    registry.deliver('apps:changed', 2);
    registry.deliver('nobody:listens', 3);
    off();
    off();
    registry.deliver('auth:changed', 4);
    expect(seen).toEqual([['auth', 1], ['apps', 2]]);
  });

  it('isolates a throwing listener', () => {
    const registry = createListenerRegistry();
    const seen: unknown[] = [];
    registry.on('e', () => {
      throw new Error('broken page listener');
    });
    registry.on('e', (payload) => void seen.push(payload));
    expect(() => registry.deliver('e', 'x')).not.toThrow();
    expect(seen).toEqual(['x']);
  });

  it('delivers to the listeners registered when delivery starts', () => {
    const registry = createListenerRegistry();
    const seen: string[] = [];
    registry.on('e', () => {
      seen.push('first');
      registry.on('e', () => void seen.push('added during delivery'));
    });
    registry.deliver('e', null);
    expect(seen).toEqual(['first']);
  });
});
