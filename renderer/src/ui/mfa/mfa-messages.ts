import type { ApiError } from '../../../../common/contract';

/** Words for second-factor failures (the portal's reason picks the sentence). */
export function describeMfaError(error: ApiError): string {
  if (error.code === 'invalid_code' && typeof error.details?.clockSkewSeconds === 'number') return error.message;
  if (error.code === 'invalid_code') {
    return error.details?.reason === 'replayed'
      ? 'That code was already used. Wait for the next code in your app, then enter it.'
      : 'That code is not valid. Check the code in your app (or your backup code) and try again.';
  }
  if (error.code === 'invalid_request' && error.details?.field === 'code') return 'Enter the 6-digit code from your app, or one of your backup codes.';
  if (error.code === 'conflict' && error.details?.reason === 'push_muted') {
    return 'Pushes are paused for a while because a sign-in was reported as not yours ("This wasn\'t me"). Enter a passcode instead.';
  }
  if (error.code === 'locked') return 'Your account is locked after too many failed attempts. Try again later or contact support.';
  if (error.code === 'rate_limited') {
    const wait = typeof error.details?.retryAfterSeconds === 'number' ? ` Try again in about ${Math.ceil(error.details.retryAfterSeconds / 60)} minute(s),` : '';
    return `Too many pushes were sent.${wait} or enter a passcode instead.`;
  }
  if (error.code === 'flow_expired') return 'This sign-in took too long. Please log on again.';
  if (error.code === 'connection_failed') return 'Portico could not reach the portal. Check your connection and try again.';
  return error.message;
}

/** What to say when a push ends without approval. */
export function describePushEnd(state: string, reason?: string): string {
  if (state === 'denied' && reason === 'wrong_code') {
    return 'The code typed on your phone did not match the one shown here, so the sign-in was denied. Send another push or enter a passcode.';
  }
  switch (state) {
    case 'denied':
      return 'The push was denied on your phone. If that was not you, choose "This wasn\'t me" next time, or enter a passcode.';
    case 'reported':
      return 'You reported this sign-in as not yours. It was blocked and recorded, you were signed out everywhere, pushes are paused for a while, and you must choose a new password at your next sign-in.';
    case 'expired':
      return 'The push timed out without an answer. Send another push or enter a passcode.';
    case 'cancelled':
      return 'The push was cancelled.';
    default:
      return 'The push did not complete. Try again or enter a passcode.';
  }
}
