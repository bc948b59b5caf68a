import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../server/db/process-alive';

describe('isProcessAlive', () => {
  it('is true for this process and false for one that has exited', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const exited = spawnSync(process.execPath, ['-e', '']);
    expect(exited.pid).toBeGreaterThan(0);
    expect(isProcessAlive(exited.pid!)).toBe(false);
  });
});
