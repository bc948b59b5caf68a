import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newDeviceFields, PHONE_NUMBER_PATTERN } from '../../../common/policy/mfa-device';

describe('new device fields', () => {
  const device = z.strictObject(newDeviceFields);

  it('accepts the three kinds, phones with a number and a type', () => {
    expect(device.safeParse({ kind: 'authenticator' }).success).toBe(true);
    expect(device.safeParse({ kind: 'tablet' }).success).toBe(true);
    expect(device.safeParse({ kind: 'mobile', phoneNumber: '+41 (79) 123-45-67', phoneType: 'android' }).success).toBe(true);
  });

  it('refuses other kinds, phone types and numbers without a country code', () => {
    expect(device.safeParse({ kind: 'desktop' }).success).toBe(false);
    expect(device.safeParse({ kind: 'mobile', phoneType: 'nokia' }).success).toBe(false);
    for (const number of ['0791234567', '+0791234567', '+41', `+4${'1'.repeat(24)}`, '+41 79\n123']) {
      expect(PHONE_NUMBER_PATTERN.test(number), number).toBe(false);
      expect(device.safeParse({ kind: 'mobile', phoneNumber: number, phoneType: 'iphone' }).success).toBe(false);
    }
  });
});
