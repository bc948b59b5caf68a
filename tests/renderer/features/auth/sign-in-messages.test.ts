import { describe, expect, it } from 'vitest';
import type { Branding } from '../../../../common/contract';
import { describeReason, fieldToFocus, SESSION_EXPIRED_MESSAGE } from '../../../../renderer/src/features/auth/sign-in-messages';
import { describeSignInError, supportContacts } from '../../../../renderer/src/ui/form-errors';

const branding: Branding = { name: 'Demo Cloud', supportPhones: ['(877) 324-4776'], supportEmail: 'support@example.com' };

describe('sign-in messages', () => {
  it('words each error code for people', () => {
    expect(describeSignInError({ code: 'invalid_credentials', message: 'x' }, 'https://p.example', null)).toBe(
      'The username or password is incorrect.',
    );
    expect(describeSignInError({ code: 'connection_failed', message: 'ECONNREFUSED' }, 'https://portal.example.com:8443/x', null)).toBe(
      "Can't reach the portal at portal.example.com:8443. Check your connection.",
    );
    expect(describeSignInError({ code: 'portal_error', message: 'The portal is under maintenance.' }, '', null)).toBe(
      'The portal is under maintenance.',
    );
  });

  it('a lock names the support contacts and the wait', () => {
    const text = describeSignInError(
      { code: 'locked', message: 'locked', details: { retryAfterSeconds: 900 } },
      'https://p.example',
      branding,
    );
    expect(text).toContain('locked');
    expect(text).toContain('15 minutes');
    expect(text).toContain(branding.supportPhones[0]);
    expect(text).toContain(branding.supportEmail);
  });

  it('a lock without branding still says what to do', () => {
    expect(describeSignInError({ code: 'locked', message: '' }, '', null)).toMatch(/contact/i);
  });

  it('joins support contacts naturally', () => {
    expect(supportContacts({ ...branding, supportPhones: ['1', '2'] })).toBe('1, 2 or support@example.com');
    expect(supportContacts({ ...branding, supportPhones: [], supportEmail: '' })).toBeNull();
    expect(supportContacts(null)).toBeNull();
  });

  it('explains an expired session and nothing for a plain start', () => {
    expect(describeReason('session-expired')).toBe(SESSION_EXPIRED_MESSAGE);
    expect(describeReason('start')).toBeNull();
    expect(describeReason('signed-out')).toBeNull();
  });

  it('focuses the first empty field, or the password after an expiry', () => {
    expect(fieldToFocus({ portalUrl: '', username: '', password: '' }, 'start')).toBe('portalUrl');
    expect(fieldToFocus({ portalUrl: 'https://p', username: '', password: '' }, 'start')).toBe('username');
    expect(fieldToFocus({ portalUrl: 'https://p', username: 'demo', password: '' }, 'signed-out')).toBe('password');
    expect(fieldToFocus({ portalUrl: 'https://p', username: 'demo', password: '' }, 'session-expired')).toBe('password');
  });
});
