import { describe, expect, it } from 'vitest';
import {
  looksLikeEmail,
  requestErrorMessage,
} from '../../../renderer/src/ui/request-messages';

describe('request messages', () => {
  it('explains conflicts by their reason', () => {
    expect(
      requestErrorMessage({ code: 'conflict', message: 'x', details: { reason: 'username_taken' } }),
    ).toMatch(/already taken/);
    expect(
      requestErrorMessage({ code: 'conflict', message: 'x', details: { reason: 'self_disable' } }),
    ).toMatch(/your own account/);
  });
  it('names the bad field', () => {
    expect(
      requestErrorMessage({ code: 'invalid_request', message: 'x', details: { field: 'email' } }),
    ).toMatch(/valid e-mail/);
  });
  it('explains forbidden and falls back to the message', () => {
    expect(requestErrorMessage({ code: 'forbidden', message: 'x' })).toMatch(/project managers/);
    expect(requestErrorMessage({ code: 'portal_error', message: 'Portal down.' })).toBe('Portal down.');
  });
  it('says when another request can be sent after the limit', () => {
    const limited = (seconds: number) =>
      requestErrorMessage({
        code: 'rate_limited',
        message: 'x',
        details: { reason: 'request_limit', retryAfterSeconds: seconds },
      });
    expect(limited(30)).toMatch(/in 1 minute\./);
    expect(limited(1500)).toMatch(/in 25 minutes\./);
  });
  it('pre-checks e-mail addresses loosely', () => {
    expect(looksLikeEmail('a@b.co')).toBe(true);
    for (const bad of ['a@b', 'ab.co', 'a b@c.d', '']) expect(looksLikeEmail(bad)).toBe(false);
  });
});
