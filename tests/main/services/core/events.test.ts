import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../../../main/services/core/events';

describe('createEventHub', () => {
  it('delivers events, isolates throwing listeners and unsubscribes', () => {
    const errors: unknown[] = [];
    const hub = createEventHub((e) => errors.push(e));
    const seen: string[] = [];
    hub.on(() => {
      throw new Error('broken window');
    });
    const off = hub.on((event) => void seen.push(event));
    hub.emit('apps:changed', []);
    off();
    hub.emit('apps:changed', []);
    expect(seen).toEqual(['apps:changed']);
    expect(errors).toHaveLength(2);
  });
});
