import { describe, expect, it } from 'vitest';
import type { AdminUser } from '../../../../common/contract';
import { userStatusLabels } from '../../../../renderer/src/features/admin/user-status';

const base: AdminUser = {
  username: 'jdoe',
  displayName: 'Jane Doe',
  email: null,
  roles: ['user'],
  status: 'active',
  pendingActivation: false,
  mustChangePassword: false,
  locked: false,
  lockedUntil: null,
  passwordExpiresInDays: 42,
  temporaryPasswordExpiresAt: null,
  mfaDevices: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('userStatusLabels', () => {
  it('describes an active account', () => {
    expect(userStatusLabels(base)).toEqual(['Active', 'Password expires in 42 days', '2 MFA devices']);
  });
  it('puts disabled, locked and pending activation first', () => {
    const labels = userStatusLabels({ ...base, status: 'disabled', locked: true, pendingActivation: true, mustChangePassword: true, mfaDevices: 1 });
    expect(labels.slice(0, 3)).toEqual(['Disabled', 'Locked', 'Pending activation']);
    expect(labels).toContain('1 MFA device');
  });
  it('says when the password has expired or never expires', () => {
    expect(userStatusLabels({ ...base, passwordExpiresInDays: 0 })).toContain('Password expired');
    expect(userStatusLabels({ ...base, passwordExpiresInDays: null }).some((l) => l.startsWith('Password'))).toBe(false);
  });
  it('says until when a temporary password works, and when it has expired', () => {
    const now = new Date('2026-01-10T12:00:00.000Z');
    const pending = { ...base, pendingActivation: true, mustChangePassword: true, passwordExpiresInDays: null };
    const valid = userStatusLabels({ ...pending, temporaryPasswordExpiresAt: '2026-01-12T12:00:00.000Z' }, now);
    expect(valid.some((l) => l.startsWith('Temporary password works until '))).toBe(true);
    expect(valid).not.toContain('Temporary password expired');
    const expired = userStatusLabels({ ...pending, temporaryPasswordExpiresAt: '2026-01-10T12:00:00.000Z' }, now);
    expect(expired).toContain('Temporary password expired');
  });
});
