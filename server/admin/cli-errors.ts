/**
 * How an admin command fails, the same on the CLI's own database and through
 * a running portal's admin socket. Light on purpose: the CLI loads it before
 * it knows which path a command takes.
 */
import { UsernameTakenError } from '../auth/users';
import { ConfigError } from '../config';
import { PortalError } from '../errors';

/** A command-line mistake (printed with the usage). */
export class AdminUsageError extends Error {}

/** A command that failed for a reason the operator can act on, such as an unknown user (exit 1). */
export class AdminCommandError extends Error {}

/**
 * A usage error exits 2, an error the operator can act on exits 1 with its
 * message; null for anything else (reported without internals).
 */
export function commandFailure(error: unknown): { exitCode: 1 | 2; message: string } | null {
  if (error instanceof AdminUsageError) return { exitCode: 2, message: error.message };
  if (
    error instanceof AdminCommandError ||
    error instanceof UsernameTakenError ||
    error instanceof ConfigError
  ) {
    return { exitCode: 1, message: error.message };
  }
  if (error instanceof PortalError && error.code !== 'internal')
    return { exitCode: 1, message: error.message };
  return null;
}
