import type { ApiError } from '../../../../preload/contract';

/**
 * The warning shown when the portal says only one or two attempts are left
 * before the account locks (`details.attemptsLeft`), or null.
 */
export function attemptsWarning(error: ApiError | null): string | null {
  const left = error?.details?.attemptsLeft;
  if (typeof left !== 'number' || !Number.isInteger(left) || left < 1) return null;
  return left === 1
    ? 'Careful: 1 attempt left before your account is locked.'
    : `Careful: ${left} attempts left before your account is locked.`;
}
