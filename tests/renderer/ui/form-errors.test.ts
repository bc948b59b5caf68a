import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../common/contract';
import { attemptsWarning, describeSignInError } from '../../../renderer/src/ui/form-errors';

describe('lockout words', () => {
  it('warns when one or two attempts are left, not otherwise', () => {
    const error = (attemptsLeft?: unknown): ApiError => ({
      code: 'invalid_credentials',
      message: 'x',
      details: attemptsLeft === undefined ? {} : { attemptsLeft: attemptsLeft as number },
    });
    expect(attemptsWarning(error(2))).toContain('2 attempts left');
    expect(attemptsWarning(error(1))).toContain('1 attempt left');
    expect(attemptsWarning(error())).toBeNull();
    expect(attemptsWarning(error(0))).toBeNull();
    expect(attemptsWarning(error('2'))).toBeNull();
    expect(attemptsWarning(null)).toBeNull();
  });

  it('a locked account shows every support phone number and the e-mail from the branding', () => {
    const text = describeSignInError(
      { code: 'locked', message: 'x', details: { retryAfterSeconds: 1800 } },
      'https://portal.example',
      {
        name: 'Demo',
        supportPhones: ['(877) 324-4776', '(602) 324-4780'],
        supportEmail: 'support@example.com',
      },
    );
    expect(text).toContain('30 minutes');
    expect(text).toContain('(877) 324-4776');
    expect(text).toContain('(602) 324-4780');
    expect(text).toContain('support@example.com');
  });

  it('an expired temporary password says so, with the support contacts to get a new one', () => {
    const branding = { name: 'Demo', supportPhones: ['(877) 324-4776'], supportEmail: 'support@example.com' };
    const expired: ApiError = { code: 'forbidden', message: 'x', details: { reason: 'temporary_password_expired' } };
    const text = describeSignInError(expired, 'https://portal.example', branding);
    expect(text).toMatch(/^Your temporary password has expired\. /);
    expect(text).toContain('(877) 324-4776');
    expect(text).toContain('support@example.com');
    // Another refusal keeps its own words.
    expect(describeSignInError({ code: 'forbidden', message: 'Not for you.' }, 'https://portal.example', branding)).toBe('Not for you.');
  });
});
