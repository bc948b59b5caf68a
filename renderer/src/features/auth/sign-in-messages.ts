import type { SignedOutReason } from '../../../../common/contract';

/** The sign-in form's fields, in the order they appear. */
export type SignInField = 'portalUrl' | 'username' | 'password';

/** Shown above the form after the portal ended an idle session. */
export const SESSION_EXPIRED_MESSAGE =
  'Your session ended after a period of inactivity. Sign in again to continue where you left off.';

/** Why the form is shown, in words, or null when no explanation is needed. */
export function describeReason(reason: SignedOutReason): string | null {
  switch (reason) {
    case 'session-expired':
      return SESSION_EXPIRED_MESSAGE;
    case 'connection-lost':
      return 'The connection to the portal was lost. Sign in again to continue.';
    case 'password-changed':
      return 'Password changed. You have been logged off everywhere: log on with your new password.';
    case 'signed-out':
    case 'start':
      return null;
  }
}

/**
 * Which field gets focus when the form appears: after an expiry the username
 * is known, so the password; otherwise the first field still empty.
 */
export function fieldToFocus(
  form: Record<SignInField, string>,
  reason: SignedOutReason,
): SignInField {
  if (reason === 'session-expired' && form.username !== '' && form.portalUrl !== '') return 'password';
  const order: SignInField[] = ['portalUrl', 'username', 'password'];
  return order.find((field) => form[field].trim() === '') ?? 'password';
}
