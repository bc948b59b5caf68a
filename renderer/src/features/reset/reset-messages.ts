import type { ApiError, Branding } from '../../../../common/contract';
import { attemptsWarning, describeSignInError, supportContacts } from '../../ui/form-errors';
import { describeRefusal } from '../../ui/password/password-rules';
import type { ResetState } from '../../../../common/contract';

/** `N minute(s)` from the portal's `retryAfterSeconds`, or null. */
function minutesFrom(seconds: unknown): string | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** A push limit reached (too many pending or too many recent): it says pushes, and when to try again. */
export function describePushLimit(error: ApiError): string {
  const wait = minutesFrom(error.details?.retryAfterSeconds);
  return wait
    ? `Too many pushes; try again in ${wait}, or enter a passcode.`
    : 'Too many pushes; try again later, or enter a passcode.';
}

/**
 * Plain words for a failed reset step, depending on where the reset stands.
 * A failure that counts toward the lockout carries the attempts left.
 */
export function describeResetError(
  error: ApiError,
  stage: ResetState['stage'],
  portalUrl: string,
  branding: Branding | null,
): string {
  const warn = attemptsWarning(error);
  if (error.code === 'invalid_credentials') {
    const base =
      stage === 'questions'
        ? 'One or more answers are not correct. Answers are case sensitive.'
        : stage === 'second-factor'
          ? 'That code is not valid. Check the code in your authenticator app or use a backup code.'
          : error.message;
    return [base, warn].filter(Boolean).join(' ');
  }
  if (error.code === 'rate_limited') return describePushLimit(error);
  if (error.code === 'invalid_request' && error.details?.field === 'newPassword')
    return describeRefusal(error.details.rules);
  if (error.code === 'session_expired')
    return 'The password reset took too long. Start again with your username.';
  if (error.code === 'forbidden') {
    const contacts = supportContacts(branding);
    const ask = contacts ? `Please contact support at ${contacts}.` : 'Please contact your portal support.';
    return error.details?.reason === 'no_security_questions'
      ? `Your account has no security questions, so its password can't be reset here. ${ask}`
      : `This account cannot reset its password here. ${ask}`;
  }
  return describeSignInError(error, portalUrl, branding);
}
