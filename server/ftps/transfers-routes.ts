/**
 * `POST /api/v1/transfers/credentials`: hands a signed-in user a
 * short-lived FTPS transfer token plus what the client needs to connect and
 * to pin the endpoint's certificate.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endpoints } from '../../common/api';
import { route } from '../route';
import type { TransferTokens } from './transfer-tokens';

/** Options of {@link transfersRoutes}. */
export interface TransfersRoutesOptions {
  tokens: TransferTokens;
  /** Host and control port clients connect to (the public address, not the bind address). */
  endpoint: { host: string; port: number };
  /** SHA-256 fingerprint of the endpoint's certificate. */
  fingerprint256: string;
  /**
   * Resolves the signed-in user of a request (the server's `requireSession`),
   * with the digest of its portal session (the token is bound to it), or
   * null. Throwing is fine too: the error goes to the app's error handler.
   */
  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<{ username: string; sessionHash: string } | null>;
}

/** Response body of the credentials route. */
export interface TransferCredentialsBody {
  host: string;
  port: number;
  username: string;
  token: string;
  expiresAt: string;
  tls: { fingerprint256: string };
}

/** Fastify plugin registering the transfers routes (register it with no prefix). */
export async function transfersRoutes(app: FastifyInstance, options: TransfersRoutesOptions): Promise<void> {
  // The body is not read: `{}` is all a client sends.
  route(app, endpoints.transferCredentials, async (request, reply) => {
    const user = await options.authenticate(request, reply);
    if (reply.sent) return reply;
    // Null also when the session was revoked while the token was being issued.
    const issued = user ? await options.tokens.issue(user.username, user.sessionHash) : null;
    if (!issued) {
      return reply.code(401).send({ error: { code: 'session_expired', message: 'Sign in again' } });
    }
    const body: TransferCredentialsBody = {
      host: options.endpoint.host,
      port: options.endpoint.port,
      username: issued.username,
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      tls: { fingerprint256: options.fingerprint256 },
    };
    // Tokens are secrets: never cached by anything in between.
    return reply.header('cache-control', 'no-store').send(body);
  });
}
