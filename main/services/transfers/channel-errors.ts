/** The errors the `transfers:*` channels answer with: engine errors in the contract's codes and our words. */
import { PortalError } from '../core/errors';
import { TransferError } from './engine';
import { reasonFor } from './views';

/** The error for channels used while nobody is signed in. */
export function notSignedIn(): PortalError {
  return new PortalError('not_signed_in', 'Please sign in to transfer files.');
}

/** Maps an engine error to the contract's error, in our words. */
export function toPortalError(error: unknown): unknown {
  if (!(error instanceof TransferError)) return error;
  switch (error.code) {
    case 'unsafe_name':
      return new PortalError('invalid_request', reasonFor(error.code));
    case 'permission_denied':
      return new PortalError('forbidden', 'The portal did not allow this (the item may not exist or is in use).');
    // Not `session_expired`/`connection_failed`: those would sign the window out or blame the
    // portal's API, while only the file service (FTPS) had the problem.
    default:
      return new PortalError('portal_error', reasonFor(error.code));
  }
}
