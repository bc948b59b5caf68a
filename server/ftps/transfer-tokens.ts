/**
 * Short-lived FTPS transfer tokens. The API issues one to a signed-in user;
 * the FTPS endpoint accepts it as the FTP password. Only a SHA-256 hash is
 * stored (tokens are 256-bit random, so a fast hash is enough), in the
 * shared database so every portal instance accepts every token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The slice of the server's `Db` this module needs. */
export interface TokenDb {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Migration for the `transfer_tokens` table (PostgreSQL and PGlite). */
export const TRANSFER_TOKENS_MIGRATION = `
CREATE TABLE IF NOT EXISTS transfer_tokens (
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  user_root TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS transfer_tokens_username ON transfer_tokens (username);
CREATE INDEX IF NOT EXISTS transfer_tokens_expires ON transfer_tokens (expires_at);
`;

/** Default lifetime: long enough to connect a pool, short enough to be worthless when leaked. */
export const DEFAULT_TOKEN_TTL_MS = 15 * 60_000;

/** An issued token. The plain token exists only in this value and the client. */
export interface IssuedTransferToken {
  username: string;
  token: string;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The folder (relative to the FTPS root dir) that jails a user: the
 * username itself when it is a plain, safe name, otherwise a hash of it.
 */
export function userRootFor(username: string): string {
  const lower = username.toLowerCase();
  if (/^[a-z0-9][a-z0-9._-]{0,63}$/.test(lower) && !lower.endsWith('.')) return lower;
  return `u-${createHash('sha256').update(username, 'utf8').digest('hex').slice(0, 32)}`;
}

/** Issues, verifies and revokes transfer tokens. */
export class TransferTokens {
  constructor(
    private readonly db: TokenDb,
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {}

  private now(): Date {
    return new Date(this.options.now?.() ?? Date.now());
  }

  /** Issues a new token for a signed-in user (and purges expired ones). */
  async issue(username: string): Promise<IssuedTransferToken> {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + (this.options.ttlMs ?? DEFAULT_TOKEN_TTL_MS));
    await this.db.query('DELETE FROM transfer_tokens WHERE expires_at <= $1', [now.toISOString()]);
    await this.db.query(
      'INSERT INTO transfer_tokens (token_hash, username, user_root, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
      [hashToken(token), username, userRootFor(username), expiresAt.toISOString(), now.toISOString()],
    );
    return { username, token, expiresAt };
  }

  /** The FTPS endpoint's `verifyToken`: the user's root when the token is valid for this user. */
  async verify(username: string, token: string): Promise<{ userRoot: string } | null> {
    if (token.length < 16 || token.length > 128) return null;
    const hash = hashToken(token);
    const { rows } = await this.db.query(
      'SELECT token_hash, username, user_root FROM transfer_tokens WHERE token_hash = $1 AND expires_at > $2',
      [hash, this.now().toISOString()],
    );
    const row = rows[0];
    if (!row || typeof row.username !== 'string' || typeof row.user_root !== 'string') return null;
    const a = Buffer.from(row.username, 'utf8');
    const b = Buffer.from(username, 'utf8');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    return { userRoot: row.user_root };
  }

  /** Revokes every token of a user (sign-out, password or MFA change). */
  async revokeUser(username: string): Promise<void> {
    await this.db.query('DELETE FROM transfer_tokens WHERE username = $1', [username]);
  }
}
