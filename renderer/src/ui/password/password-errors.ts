import type { ApiError, Branding } from '../../../../common/contract';
import { attemptsWarning, describeSignInError } from '../form-errors';
import { describeRefusal } from './password-rules';

/** Plain words for a failed password change, reset step or questions update. */
export function describePasswordError(error: ApiError, portalUrl: string, branding: Branding | null): string {
  if (error.code === 'invalid_request' && error.details?.field === 'newPassword')
    return describeRefusal(error.details.rules);
  if (error.code === 'invalid_credentials' && error.details?.field === 'currentPassword') {
    return ['The old password is incorrect.', attemptsWarning(error)].filter(Boolean).join(' ');
  }
  if (error.code === 'invalid_credentials') {
    return [error.message, attemptsWarning(error)].filter(Boolean).join(' ');
  }
  return describeSignInError(error, portalUrl, branding);
}
