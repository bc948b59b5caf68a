/**
 * The guard of every administration route: a live session (`401
 * session_expired` otherwise) whose user has the `manager` role (`403
 * forbidden` otherwise). Registered as an `onRequest` hook on the whole
 * admin scope, so it runs before the body is even parsed and no route in
 * the scope can be added without it.
 */
import type { FastifyRequest } from 'fastify';
import type { RequireSession } from '../auth/require-session';
import type { ActiveSession } from '../auth/sessions';
import { portalError } from '../errors';

/** The role that unlocks administration. */
export const MANAGER_ROLE = 'manager';

/** Resolves the manager's session or throws. */
export type RequireManager = (request: FastifyRequest) => Promise<ActiveSession>;

/** Builds the guard on top of the session guard. */
export function createRequireManager(requireSession: RequireSession): RequireManager {
  return async (request) => {
    const session = await requireSession(request);
    if (!session.user.roles.includes(MANAGER_ROLE)) throw portalError('forbidden', 'Only managers can do this.');
    return session;
  };
}
