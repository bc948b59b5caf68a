import type { ApiError } from '../../../common/contract';
import { attemptsWarning } from './form-errors';

/** Warns, in words, when the account is one or two failures from locking. */
export function AttemptsWarning({ error }: { error: ApiError | null }) {
  const text = attemptsWarning(error);
  if (!text) return null;
  return (
    <p className="message warning" role="status">
      {text}
    </p>
  );
}
