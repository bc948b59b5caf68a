import { describe, expect, it } from 'vitest';
import { clockSkewDetails } from '../../../../../main/services/auth/mfa/clock-check';

describe('clock check', () => {
  it('stays quiet within 30 seconds and without a Date header', () => {
    expect(clockSkewDetails(null)).toBeNull();
    expect(clockSkewDetails(30_000)).toBeNull();
    expect(clockSkewDetails(-30_000)).toBeNull();
  });

  it('says how far off and in which direction, and how to fix it', () => {
    expect(clockSkewDetails(45_000)).toMatchObject({ seconds: 45, message: expect.stringMatching(/45 seconds behind.*Set time automatically/) });
    expect(clockSkewDetails(-600_000)).toMatchObject({ seconds: -600, message: expect.stringMatching(/10 minutes ahead of/) });
  });
});
