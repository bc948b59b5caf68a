import type { ApiError, UserRequestStatus } from '../../../common/contract';

/** Words shown for a request's status. */
export const STATUS_LABELS: Record<UserRequestStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  declined: 'Declined',
};

const FIELD_MESSAGES: Record<string, string> = {
  email: 'Enter a valid e-mail address, like name@example.com.',
  fullName: 'Enter the person’s full name (up to 100 characters).',
  note: 'The note can be up to 500 characters.',
  username: 'Usernames use letters, digits and . _ @ - (up to 128 characters).',
  reason: 'Give a reason (up to 500 characters).',
};

const REASON_MESSAGES: Record<string, string> = {
  username_taken: 'That username is already taken. Choose another.',
  email_has_account: 'An account with this e-mail address already exists.',
  already_decided: 'Another manager has already decided this request.',
  self_disable: 'You cannot disable your own account.',
  self_demote: 'You cannot remove your own manager role.',
};

/** The message to show for a failed request or admin action. */
export function requestErrorMessage(error: ApiError): string {
  const reason = error.details?.reason;
  if (typeof reason === 'string' && REASON_MESSAGES[reason]) return REASON_MESSAGES[reason]!;
  const field = error.details?.field;
  if (error.code === 'invalid_request' && typeof field === 'string' && FIELD_MESSAGES[field]) return FIELD_MESSAGES[field]!;
  if (error.code === 'forbidden') return 'Only project managers can do this.';
  if (reason === 'request_limit') {
    const minutes = Math.max(1, Math.ceil(Number(error.details?.retryAfterSeconds ?? 60) / 60));
    return `You have sent many requests recently. You can send another in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return error.message || 'That did not work. Please try again.';
}

/** A simple check before sending (the portal checks again, strictly). */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
