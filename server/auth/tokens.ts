/** Random bearer secrets (session tokens, launch tickets) and their stored digests. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters, 256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Shape of a token from {@link newToken}; anything else is rejected before a lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 hex digest; only this is stored, so a database leak yields no usable token. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
