/**
 * Form-error helpers shared by every form that talks to the portal: plain
 * words for a failed call and the lockout warning, and which field an error
 * belongs to (shown next to it, focused).
 */
import { useEffect, type RefObject } from 'react';
import type { ApiError, Branding } from '../../../common/contract';
import { portalHost } from '../lib/invoke';

/**
 * The warning shown when the portal says only one or two attempts are left
 * before the account locks (`details.attemptsLeft`), or null.
 */
export function attemptsWarning(error: ApiError | null): string | null {
  return attemptsLeftWarning(error?.details?.attemptsLeft);
}

/** The same warning from a bare count (e.g. a push denied on the phone), or null. */
export function attemptsLeftWarning(left: unknown): string | null {
  if (typeof left !== 'number' || !Number.isInteger(left) || left < 1) return null;
  return left === 1
    ? 'Careful: 1 attempt left before your account is locked.'
    : `Careful: ${left} attempts left before your account is locked.`;
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
    case 'forbidden': {
      if (error.details?.reason !== 'temporary_password_expired') return error.message.trim() || 'You are not allowed to do this.';
      const contacts = supportContacts(branding);
      return [
        'Your temporary password has expired.',
        contacts ? `To get a new one, contact support at ${contacts}.` : 'To get a new one, contact your portal support.',
      ].join(' ');
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
 * The error to show next to `field`: `error` when it names that field
 * (`details.field`, set by the portal or by the form's own checks), else null.
 * A form shows an error next to its field, and only an error that names no
 * field of the form at the top.
 */
export function fieldError(error: ApiError | null, field: string): ApiError | null {
  return error?.details?.field === field ? error : null;
}

/**
 * Moves the focus to the field an error belongs to when the error appears, so
 * the user who must act there is already in place (and hears the error it is
 * described by).
 */
export function useFocusOnError(error: unknown, field: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    if (error) field.current?.focus();
  }, [error, field]);
}

/** What a phone number needs: its country code, starting with +. */
export const PHONE_NUMBER_PROBLEM = 'Enter the number with its country code, starting with +, e.g. +1 602 555 0100.';

/** The phone-number problem to show next to the field, or null when the number is fine. */
export function phoneNumberProblem(value: string): string | null {
  return /^\+[1-9][0-9 ()-]{5,23}$/.test(value.trim()) ? null : PHONE_NUMBER_PROBLEM;
}
