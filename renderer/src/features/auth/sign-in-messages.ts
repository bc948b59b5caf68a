import type { ApiError, Branding, SignedOutReason } from '../../../../preload/contract';
import { portalHost } from '../../lib/invoke';

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

/** Support contacts as one sentence fragment, e.g. "(877) 324-4776 or support@example.com". */
export function supportContacts(branding: Branding | null): string | null {
  if (!branding) return null;
  const contacts = [...branding.supportPhones, branding.supportEmail].filter((c) => c.trim() !== '');
  if (contacts.length === 0) return null;
  if (contacts.length === 1) return contacts[0] ?? null;
  return `${contacts.slice(0, -1).join(', ')} or ${contacts[contacts.length - 1]}`;
}

function minutesFrom(seconds: unknown): number | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * Plain words for a failed sign-in, chosen by `error.code` so the user knows
 * what to do next. Unknown codes fall back to the message main sent.
 */
export function describeSignInError(error: ApiError, portalUrl: string, branding: Branding | null): string {
  switch (error.code) {
    case 'invalid_credentials':
      return 'The username or password is incorrect.';
    case 'locked': {
      const minutes = minutesFrom(error.details?.retryAfterSeconds);
      const contacts = supportContacts(branding);
      return [
        'Your account is locked.',
        minutes ? `Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.` : null,
        contacts ? `To unlock it, contact support at ${contacts}.` : 'To unlock it, contact your portal support.',
      ]
        .filter(Boolean)
        .join(' ');
    }
    case 'connection_failed':
      return `Can't reach the portal at ${portalHost(portalUrl)}. Check your connection.`;
    case 'rate_limited': {
      const minutes = minutesFrom(error.details?.retryAfterSeconds);
      return minutes
        ? `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`
        : 'Too many attempts. Try again later.';
    }
    default:
      return error.message.trim() || 'Something went wrong. Try again.';
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
