/**
 * The one way the server reports failures: `{error:{code,message,details?}}`
 * with the HTTP status that belongs to the code (see docs/api.md).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';

/** Error codes of the portal API; each maps to exactly one HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_credentials: 401,
  session_expired: 401,
  /** A second-factor code that is wrong, used before, or expired (`details.reason`). */
  invalid_code: 401,
  /** The sign-in flow token is unknown, expired or already finished. */
  flow_expired: 401,
  forbidden: 403,
  not_found: 404,
  /** The resource is not in a state that allows this (`details.reason`). */
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
} as const;

export type PortalErrorCode = keyof typeof ERROR_STATUS;

/** Non-secret facts for the client (never internals, never secrets). */
export type ErrorDetails = Record<string, string | number | boolean>;

/** JSON body of every error response. */
export interface ErrorBody {
  error: { code: PortalErrorCode; message: string; details?: ErrorDetails };
}

const DEFAULT_MESSAGES: Record<PortalErrorCode, string> = {
  invalid_request: 'The request is not valid.',
  invalid_credentials: 'The username or password is incorrect.',
  session_expired: 'Your session has ended. Please sign in again.',
  invalid_code: 'That code is not valid.',
  flow_expired: 'This sign-in has expired. Please sign in again.',
  conflict: 'That cannot be done right now.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'Not found.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'The request body must be JSON (Content-Type: application/json).',
  locked: 'The account is locked.',
  rate_limited: 'Too many requests. Please try again later.',
  internal: 'Something went wrong on the portal. Please try again.',
};

/** A typed API failure; throw it from any handler or hook. */
export class PortalError extends Error {
  readonly status: number;

  constructor(
    readonly code: PortalErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'PortalError';
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

/** Shorthand for `new PortalError(...)`, reads well after `throw`. */
export function portalError(code: PortalErrorCode, message?: string, details?: ErrorDetails): PortalError {
  return new PortalError(code, message, details);
}

/** Turns a zod failure into `400 invalid_request` naming the first bad field. */
export function fromZodError(error: ZodError, prefix = ''): PortalError {
  const issue = error.issues[0];
  const field = issue ? [prefix, ...issue.path.map(String)].filter(Boolean).join('.') : prefix;
  const message = field ? `Invalid or missing field: ${field}.` : 'The request is not valid.';
  return new PortalError('invalid_request', message, field ? { field } : undefined);
}

/** Maps anything thrown during a request to a PortalError the client may see. */
export function toPortalError(error: unknown): PortalError {
  if (error instanceof PortalError) return error;
  if (error instanceof ZodError) return fromZodError(error);
  const fastifyError = error as Partial<FastifyError> | undefined;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PortalError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PortalError('unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PortalError('invalid_request', 'The request body is empty.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new PortalError('invalid_request', 'The request body is not valid JSON.');
    default:
      break;
  }
  const status = fastifyError?.statusCode;
  if (status === 413) return new PortalError('payload_too_large');
  if (status === 415) return new PortalError('unsupported_media_type');
  // Fastify's JSON parser reports syntax errors as plain 400s; their text may
  // echo the body, so the client gets a fixed message instead.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new PortalError('invalid_request', 'The request is not valid.');
  }
  return new PortalError('internal');
}

/** Fastify error handler: typed body, the right status, no internals. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const portal = toPortalError(error);
  if (portal.code === 'internal') {
    request.log.error({ err: error }, 'unhandled error');
  }
  return reply.code(portal.status).type('application/json; charset=utf-8').send(portal.toBody());
}

/** Fastify not-found handler. */
export function handleNotFound(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send(new PortalError('not_found').toBody());
}
