import { describe, expect, it } from 'vitest';
import { looksLikeEmail, requestErrorMessage } from '../../../../renderer/src/features/requests/request-messages';

describe('request messages', () => {
  it('explains conflicts by their reason', () => {
    expect(requestErrorMessage({ code: 'conflict', message: 'x', details: { reason: 'username_taken' } })).toMatch(/already taken/);
    expect(requestErrorMessage({ code: 'conflict', message: 'x', details: { reason: 'self_disable' } })).toMatch(/your own account/);
  });
  it('names the bad field', () => {
    expect(requestErrorMessage({ code: 'invalid_request', message: 'x', details: { field: 'email' } })).toMatch(/valid e-mail/);
  });
  it('explains forbidden and falls back to the message', () => {
    expect(requestErrorMessage({ code: 'forbidden', message: 'x' })).toMatch(/project managers/);
    expect(requestErrorMessage({ code: 'portal_error', message: 'Portal down.' })).toBe('Portal down.');
  });
  it('pre-checks e-mail addresses loosely', () => {
    expect(looksLikeEmail('a@b.co')).toBe(true);
    for (const bad of ['a@b', 'ab.co', 'a b@c.d', '']) expect(looksLikeEmail(bad)).toBe(false);
  });
});
