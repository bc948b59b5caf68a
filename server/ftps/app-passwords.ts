/**
 * FTPS app passwords: named, long-lived passwords a user creates in "My
 * Settings & Devices" for FileZilla, WinSCP, lftp or rclone, which cannot
 * ask the API for a transfer token.
 *
 * The portal generates them (120 random bits in six groups of four), shows
 * each once and stores an HMAC-SHA-256 of it under a per-portal key kept in
 * `server_secrets`. A fast keyed hash rather than Argon2id: the secret is
 * random, not chosen by a person, so there is nothing to stretch against
 * an offline guess, and every FTPS connection (clients open several) checks
 * one; Argon2id there would cost a CPU-heavy hash per connection and per
 * wrong guess. The key means a leaked row alone cannot even test a guess.
 *
 * An app password carries the user's credentials epoch (`credentials_epoch`,
 * moved by the session store's "sign out everywhere": password change or
 * reset, disable, MFA reset, forced change, temporary password) and is void
 * once it moved. A single sign-out or the user's own MFA change leaves them.
 */
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { APP_PASSWORD_PATTERN } from '../../common/api/app-passwords';
import type { LockoutStore } from '../auth/lockout-store';
import type { Db } from '../db';
import { portalError } from '../errors';
import { userRootFor } from './transfer-tokens';

/** Most app passwords one user may hold. */
export const MAX_APP_PASSWORDS = 10;

/** Grants of app-password logins start with this (transfer-token grants are bare hex digests). */
export const APP_GRANT_PREFIX = 'app:';

/** Lower-case letters and digits without look-alikes (no l, o, 0, 1): 32 symbols, 5 bits each. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Whether `value` has the shape of an app password (anything else cannot be one). */
export function looksLikeAppPassword(value: string): boolean {
  return APP_PASSWORD_PATTERN.test(value);
}

/** A new app password: 24 symbols (120 bits) in groups of four. */
export function generateAppPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 6; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** One app password as its owner sees it (never the secret, never its hash). */
export interface AppPasswordInfo {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Why {@link AppPasswords.create} refused. */
export type CreateRefusal = 'limit' | 'revoked' | 'duplicate';

/** Still-valid rows only: the user active and no "sign out everywhere" since the row was made. */
const VALID_JOIN = `app_passwords a JOIN users u ON u.id = a.user_id AND u.status = 'active' AND u.credentials_epoch = a.epoch`;

function toInfo(row: Record<string, unknown>): AppPasswordInfo {
  return {
    id: String(row.id),
    name: String(row.name),
    createdAt: new Date(row.created_at as string),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at as string) : null,
  };
}

/** Creates, lists, verifies and revokes app passwords. */
export class AppPasswords {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: { now?: () => number; max?: number } = {},
  ) {}

  private now(): Date {
    return new Date(this.options.now?.() ?? Date.now());
  }

  /** The per-portal HMAC key, created once (every instance reads the same row). */
  private hmacKey(): Promise<Buffer> {
    this.key ??= (async () => {
      await this.db.query(
        `INSERT INTO server_secrets (name, value) VALUES ('app-password-hmac', $1) ON CONFLICT (name) DO NOTHING`,
        [randomBytes(32).toString('base64')],
      );
      const { rows } = await this.db.query<{ value: string }>(
        `SELECT value FROM server_secrets WHERE name = 'app-password-hmac'`,
      );
      return Buffer.from(rows[0]!.value, 'base64');
    })().catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }

  private async hash(password: string): Promise<string> {
    return createHmac('sha256', await this.hmacKey())
      .update(password, 'utf8')
      .digest('hex');
  }

  /**
   * A new app password for the user of the live portal session
   * `sessionHash`. One transaction holding the user's row: the count under
   * the limit and the epoch it is bound to are read and written together, so
   * parallel creations never pass the limit (nor repeat a name) and a concurrent revocation
   * either comes first (nothing made) or voids it.
   */
  async create(
    userId: string,
    sessionHash: string,
    name: string,
  ): Promise<{ info: AppPasswordInfo; password: string } | CreateRefusal> {
    const password = generateAppPassword();
    const hash = await this.hash(password);
    const now = this.now();
    const id = randomBytes(12).toString('base64url');
    const max = this.options.max ?? MAX_APP_PASSWORDS;
    return this.db.transaction(async (tx) => {
      const user = await tx.query<{ epoch: number }>(
        `SELECT u.credentials_epoch AS epoch FROM users u JOIN sessions s ON s.user_id = u.id
          WHERE u.id = $1 AND s.token_hash = $2 AND s.revoked_at IS NULL AND u.status = 'active' FOR UPDATE OF u`,
        [userId, sessionHash],
      );
      const epoch = user.rows[0]?.epoch;
      if (epoch === undefined) return 'revoked' as const;
      // Rows of an older epoch are void: they go now and no longer count.
      await tx.query('DELETE FROM app_passwords WHERE user_id = $1 AND epoch <> $2', [userId, epoch]);
      const held = await tx.query<{ n: number | string }>(
        'SELECT count(*) AS n FROM app_passwords WHERE user_id = $1',
        [userId],
      );
      if (Number(held.rows[0]?.n ?? 0) >= max) return 'limit' as const;
      // Names tell the user's clients apart in the list: one of each (any case), checked under the same lock.
      const same = await tx.query('SELECT 1 FROM app_passwords WHERE user_id = $1 AND lower(name) = lower($2)', [
        userId,
        name,
      ]);
      if (same.rows.length > 0) return 'duplicate' as const;
      await tx.query(
        'INSERT INTO app_passwords (id, user_id, name, password_hash, epoch, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, userId, name, hash, epoch, now],
      );
      return { info: { id, name, createdAt: now, lastUsedAt: null }, password };
    });
  }

  /** The user's valid app passwords, oldest first. */
  async list(userId: string): Promise<AppPasswordInfo[]> {
    const { rows } = await this.db.query(
      `SELECT a.id, a.name, a.created_at, a.last_used_at FROM ${VALID_JOIN} WHERE a.user_id = $1 ORDER BY a.created_at, a.id`,
      [userId],
    );
    return rows.map(toInfo);
  }

  /** Revokes one of the user's app passwords; false when it is not theirs (or gone). */
  async revoke(userId: string, id: string): Promise<boolean> {
    const result = await this.db.query('DELETE FROM app_passwords WHERE user_id = $1 AND id = $2', [
      userId,
      id,
    ]);
    return result.rowCount > 0;
  }

  /**
   * The FTPS login with an app password: the user's root and the grant
   * (`app:<id>`) when `password` is a valid app password of `username` (any
   * case) and the account is active; records the last use.
   */
  async verify(username: string, password: string): Promise<{ userRoot: string; grant: string } | null> {
    if (!looksLikeAppPassword(password)) return null;
    const hash = await this.hash(password);
    const { rows } = await this.db.query<{ id: string; username: string }>(
      `UPDATE app_passwords SET last_used_at = $3 WHERE id = (
         SELECT a.id FROM ${VALID_JOIN} WHERE a.password_hash = $1 AND lower(u.username) = lower($2))
       RETURNING id, (SELECT username FROM users WHERE users.id = app_passwords.user_id) AS username`,
      [hash, username, this.now()],
    );
    const row = rows[0];
    if (!row) return null;
    return { userRoot: userRootFor(row.username), grant: `${APP_GRANT_PREFIX}${row.id}` };
  }

  /** Which app-password grants (`app:<id>`) open FTPS sessions may keep. */
  async stillGranted(grants: readonly string[]): Promise<Set<string>> {
    const ids = [
      ...new Set(
        grants.filter((g) => g.startsWith(APP_GRANT_PREFIX)).map((g) => g.slice(APP_GRANT_PREFIX.length)),
      ),
    ];
    if (ids.length === 0) return new Set();
    const { rows } = await this.db.query(`SELECT a.id FROM ${VALID_JOIN} WHERE a.id = ANY($1::text[])`, [
      ids,
    ]);
    return new Set(rows.map((row) => `${APP_GRANT_PREFIX}${String(row.id)}`));
  }
}

/**
 * The FTPS login with an app password: a guess at the account, reserved
 * under the lockout before it is checked (refused while locked), kept as a
 * failure when wrong. Null means refuse.
 */
export function verifyUnderLockout(
  lockout: Pick<LockoutStore, 'guard'>,
  appPasswords: Pick<AppPasswords, 'verify'>,
  username: string,
  password: string,
): Promise<{ userRoot: string; grant: string } | null> {
  return lockout
    .guard(
      username,
      'app-password',
      () => appPasswords.verify(username, password),
      (granted) => (granted ? null : portalError('invalid_credentials')),
    )
    .catch(() => null);
}
