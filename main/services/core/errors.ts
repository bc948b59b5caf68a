/**
 * The one typed error services throw. The IPC router turns it into the
 * contract's `ApiError`; anything else becomes a generic `internal` error.
 */
import type { ApiError, ErrorCode } from '../../../common/contract';

/** Extra, non-secret facts for the UI. */
export type ErrorDetails = Record<string, string | number | boolean>;

/**
 * A failure with a contract `ErrorCode`. The message is shown to the user,
 * so it must never carry secrets, tokens or raw server text.
 */
export class PortalError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'PortalError';
    this.code = code;
    this.details = details;
  }

  /** The serialisable form that crosses to the renderer. */
  toApiError(): ApiError {
    return this.details ? { code: this.code, message: this.message, details: { ...this.details } } : { code: this.code, message: this.message };
  }
}

/** True when `error` is a `PortalError` with the given code. */
export function isPortalError(error: unknown, code?: ErrorCode): error is PortalError {
  return error instanceof PortalError && (code === undefined || error.code === code);
}
