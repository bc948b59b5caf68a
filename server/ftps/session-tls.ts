/**
 * TLS contexts for FTPS control connections. Every control connection gets
 * a context of its own, with session-ticket keys no other connection shares:
 * its data connections are handshaken on the same context, so only a ticket
 * issued to *this* control connection (or to one of its own data
 * connections) can resume there. That is what ties a data connection to its
 * control connection (see `passive.ts`); stateful session-id resumption is
 * off for bare TLS sockets in Node, so tickets are the only way to resume.
 */
import { randomBytes } from 'node:crypto';
import tls from 'node:tls';

/** Makes a fresh context (own ticket keys) per call; ~1–2 ms each, once per AUTH TLS. */
export function sessionTlsContexts(credentials: { key: string; cert: string }): () => tls.SecureContext {
  return () =>
    tls.createSecureContext({
      key: credentials.key,
      cert: credentials.cert,
      minVersion: 'TLSv1.2',
      ticketKeys: randomBytes(48),
    });
}
