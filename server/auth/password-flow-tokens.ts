/**
 * Short-lived, single-purpose tokens for the password steps: the sign-in
 * steps `security_questions` and `change_password`, and the stages of
 * a forgotten-password reset. Stored only as SHA-256 digests in the database
 * (shared by every instance); each is bound to one purpose and one user (or
 * to an unknown username, for resets), expires, and moves through stages.
 */
import type { Clock } from '../clock';
import type { Db } from '../db';
import { portalError } from '../errors';
import { usernameKey } from './lockout-store';
import { newToken, TOKEN_PATTERN, tokenDigest } from './tokens';

/** What a token is for. */
export type FlowPurpose = 'sign-in' | 'reset';

/** A live flow. */
export interface PasswordFlow {
  tokenHash: string;
  purpose: FlowPurpose;
  /** Lower-cased username as typed (resets of unknown names have no user). */
  usernameKey: string;
  userId: string | null;
  stage: string;
  expiresAt: Date;
}

interface FlowRow {
  token_hash: string;
  purpose: FlowPurpose;
  username_key: string;
  user_id: string | null;
  stage: string;
  expires_at: Date;
}

/** Creates, reads, advances and ends flow tokens. */
export class PasswordFlowTokens {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  /** Starts a flow; returns the token (shown to the client once). */
  async create(
    purpose: FlowPurpose,
    username: string,
    userId: string | null,
    stage: string,
  ): Promise<string> {
    const token = newToken();
    const now = this.clock.now();
    await this.db.query(
      `INSERT INTO password_flows (token_hash, purpose, username_key, user_id, stage, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        tokenDigest(token),
        purpose,
        usernameKey(username),
        userId,
        stage,
        now,
        new Date(now.getTime() + this.ttlSeconds * 1000),
      ],
    );
    await this.db.query('DELETE FROM password_flows WHERE expires_at < $1', [
      new Date(now.getTime() - 86_400_000),
    ]);
    return token;
  }

  /**
   * The live flow for `token` at one of `stages`, or `401 session_expired`
   * ("start again") when it is unknown, used, expired or at another stage.
   */
  async require(token: string, purpose: FlowPurpose, stages: readonly string[]): Promise<PasswordFlow> {
    const expired = portalError('session_expired', 'This step has expired. Please start again.');
    if (!TOKEN_PATTERN.test(token)) throw expired;
    const result = await this.db.query<FlowRow>(
      `SELECT token_hash, purpose, username_key, user_id, stage, expires_at FROM password_flows
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
      [tokenDigest(token), this.clock.now()],
    );
    const row = result.rows[0];
    if (!row || row.purpose !== purpose || !stages.includes(row.stage)) throw expired;
    return {
      tokenHash: row.token_hash,
      purpose: row.purpose,
      usernameKey: row.username_key,
      userId: row.user_id,
      stage: row.stage,
      expiresAt: new Date(row.expires_at),
    };
  }

  /**
   * Moves a flow from `from` to `to`; false when another request moved it
   * first (two simultaneous submissions: exactly one wins).
   */
  async advance(flow: PasswordFlow, from: string, to: string): Promise<boolean> {
    const result = await this.db.query(
      'UPDATE password_flows SET stage = $3 WHERE token_hash = $1 AND stage = $2 AND used_at IS NULL',
      [flow.tokenHash, from, to],
    );
    return result.rowCount === 1;
  }

  /** Ends a flow (single use); false when it was already ended. */
  async finish(flow: PasswordFlow): Promise<boolean> {
    const result = await this.db.query(
      'UPDATE password_flows SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL',
      [flow.tokenHash, this.clock.now()],
    );
    return result.rowCount === 1;
  }
}
