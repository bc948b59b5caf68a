/**
 * `requireSession`: the guard every authenticated route uses, as a fastify
 * `preHandler` or called directly in a handler. It answers `401
 * session_expired` for a missing, unknown, expired or revoked token, and
 * slides the idle deadline unless the request sends `X-Portico-Passive: 1`.
 */
import type { FastifyRequest } from 'fastify';
import { portalError } from '../errors';
import type { ActiveSession, SessionStore } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireSession` once the bearer token checked out. */
    portalSession: ActiveSession | null;
  }
}

/** Resolves the request's session (and user) or throws `session_expired`. */
export type RequireSession = (request: FastifyRequest) => Promise<ActiveSession>;

/** Header a client sends to check a session without keeping it alive. */
export const PASSIVE_HEADER = 'x-portico-passive';

/** The bearer token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** Builds the guard for one session store. */
export function createRequireSession(sessions: SessionStore): RequireSession {
  return async (request) => {
    if (request.portalSession) return request.portalSession;
    const token = bearerToken(request);
    if (!token) throw portalError('session_expired', 'Sign in first.');
    const passive = request.headers[PASSIVE_HEADER] === '1';
    const session = await sessions.authenticate(token, { slide: !passive });
    if (!session) throw portalError('session_expired');
    request.portalSession = session;
    return session;
  };
}
