/** The queue's time left counts only bytes that will still move. */
import { describe, expect, it } from 'vitest';
import { withSpeed } from '../../main/services/transfers/engine/progress-meter';

const base = {
  items: 2,
  queued: 0,
  running: 0,
  finished: 1,
  failed: 1,
  conflicts: 0,
  totalBytes: 1000,
  transferredBytes: 100,
};

describe('time left', () => {
  it('is null, with no speed, when nothing waits or runs, however many bytes failed files hold', () => {
    expect(withSpeed(base, 500, 0)).toMatchObject({ etaSeconds: null, bytesPerSecond: 0 });
    expect(withSpeed({ ...base, failed: 0, conflicts: 1 }, 500, 0).etaSeconds).toBeNull();
  });

  it('is the bytes still to move over the speed while something moves', () => {
    const running = { ...base, running: 1 };
    expect(withSpeed(running, 100, 450).etaSeconds).toBe(Math.ceil(450 / 100));
    expect(withSpeed(running, 0, 450).etaSeconds).toBeNull();
  });
});
