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

/**
 * A token with the portal session it came from and its user, where every
 * revocation shows: the session revoked (or deleted as dead), the user not
 * active, or the user's sessions epoch moved since the token was issued.
 */
const GRANT_JOIN = `transfer_tokens t
  JOIN sessions s ON s.token_hash = t.session_hash AND s.revoked_at IS NULL
  JOIN users u ON u.id = s.user_id AND u.status = 'active' AND u.sessions_epoch = t.epoch`;

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

  /**
   * Issues a new token for the user of the portal session `sessionHash`
   * (and purges expired ones). The token is bound to that session and to
   * the user's sessions epoch at this moment, in one statement: a
   * revocation that commits first leaves nothing issued (null), one that
   * commits after voids what was issued.
   */
  async issue(username: string, sessionHash: string): Promise<IssuedTransferToken | null> {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + (this.options.ttlMs ?? DEFAULT_TOKEN_TTL_MS));
    await this.db.query('DELETE FROM transfer_tokens WHERE expires_at <= $1', [now.toISOString()]);
    const { rows } = await this.db.query(
      `INSERT INTO transfer_tokens (token_hash, username, user_root, expires_at, created_at, session_hash, epoch)
       SELECT $1, $2, $3, $4, $5, s.token_hash, u.sessions_epoch
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $6 AND s.revoked_at IS NULL AND u.username = $2
       RETURNING token_hash`,
      [hashToken(token), username, userRootFor(username), expiresAt.toISOString(), now.toISOString(), sessionHash],
    );
    return rows.length > 0 ? { username, token, expiresAt } : null;
  }

  /**
   * The FTPS endpoint's `verifyToken`: the user's root (and the token's
   * digest, which names this grant) when the token is valid for this user
   * now — not expired, its portal session live, its user active, and no
   * revocation since it was issued.
   */
  async verify(username: string, token: string): Promise<{ userRoot: string; grant: string } | null> {
    if (token.length < 16 || token.length > 128) return null;
    const hash = hashToken(token);
    const now = this.now().toISOString();
    const { rows } = await this.db.query(
      `SELECT t.username, t.user_root FROM ${GRANT_JOIN}
        WHERE t.token_hash = $1 AND t.expires_at > $2 AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2`,
      [hash, now],
    );
    const row = rows[0];
    if (!row || typeof row.username !== 'string' || typeof row.user_root !== 'string') return null;
    const a = Buffer.from(row.username, 'utf8');
    const b = Buffer.from(username, 'utf8');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    return { userRoot: row.user_root, grant: hash };
  }

  /**
   * Which of `grants` (digests from {@link verify}) an open FTPS session may
   * keep using: its portal session not revoked, its user active, no
   * revocation since. One query for every open session of the endpoint.
   * Deadlines are not re-checked here: a transfer under way outlives an idle
   * portal window, never a revocation.
   */
  async stillGranted(grants: readonly string[]): Promise<Set<string>> {
    if (grants.length === 0) return new Set();
    const { rows } = await this.db.query(`SELECT t.token_hash FROM ${GRANT_JOIN} WHERE t.token_hash = ANY($1::text[])`, [
      [...new Set(grants)],
    ]);
    return new Set(rows.map((row) => String(row.token_hash)));
  }

  /** Revokes every token of a user (sign-out, password or MFA change). */
  async revokeUser(username: string): Promise<void> {
    await this.db.query('DELETE FROM transfer_tokens WHERE username = $1', [username]);
  }
}
