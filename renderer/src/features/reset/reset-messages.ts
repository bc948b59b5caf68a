import type { ApiError, Branding } from '../../../../common/contract';
import { attemptsWarning, describeSignInError } from '../../ui/form-errors';
import { describeRefusal } from '../../ui/password/password-rules';
import type { ResetState } from '../../../../common/contract';

/** Plain words for a failed reset step, depending on where the reset stands. */
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
  if (error.code === 'invalid_request' && error.details?.field === 'newPassword')
    return describeRefusal(error.details.rules);
  if (error.code === 'session_expired')
    return 'The password reset took too long. Start again with your username.';
  if (error.code === 'forbidden')
    return 'This account cannot reset its password here. Please contact support.';
  return describeSignInError(error, portalUrl, branding);
}
