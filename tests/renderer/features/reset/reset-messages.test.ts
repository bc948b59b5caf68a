import { describe, expect, it } from 'vitest';
import type { ApiError, Branding } from '../../../../common/contract';
import {
  describePushLimit,
  describeResetError,
} from '../../../../renderer/src/features/reset/reset-messages';

const PORTAL = 'https://portal.example';
const branding = { supportPhones: ['(877) 324-4776'], supportEmail: 'support@example.com' } as Branding;
const error = (code: ApiError['code'], details?: ApiError['details']): ApiError => ({
  code,
  message: 'from the portal',
  ...(details ? { details } : {}),
});

describe('reset messages', () => {
  it('a push limit says pushes and when to try again, never "Too many attempts"', () => {
    expect(describePushLimit(error('rate_limited', { retryAfterSeconds: 420, reason: 'rate_limited' }))).toBe(
      'Too many pushes; try again in 7 minutes, or enter a passcode.',
    );
    expect(
      describeResetError(error('rate_limited', { retryAfterSeconds: 30 }), 'second-factor', PORTAL, null),
    ).toBe('Too many pushes; try again in 1 minute, or enter a passcode.');
    expect(describeResetError(error('rate_limited'), 'second-factor', PORTAL, null)).not.toMatch(/attempts/);
  });

  it('a wrong code or wrong answers warn how many attempts are left', () => {
    expect(
      describeResetError(error('invalid_credentials', { attemptsLeft: 2 }), 'second-factor', PORTAL, null),
    ).toBe(
      'That code is not valid. Check the code in your authenticator app or use a backup code. Careful: 2 attempts left before your account is locked.',
    );
    expect(
      describeResetError(error('invalid_credentials', { attemptsLeft: 1 }), 'questions', PORTAL, null),
    ).toBe(
      'One or more answers are not correct. Answers are case sensitive. Careful: 1 attempt left before your account is locked.',
    );
    expect(describeResetError(error('invalid_credentials'), 'second-factor', PORTAL, null)).not.toMatch(
      /Careful/,
    );
  });

  it('an account without questions (told only after the factor) names support', () => {
    expect(
      describeResetError(
        error('forbidden', { reason: 'no_security_questions' }),
        'second-factor',
        PORTAL,
        branding,
      ),
    ).toBe(
      "Your account has no security questions, so its password can't be reset here. Please contact support at (877) 324-4776 or support@example.com.",
    );
  });
});
