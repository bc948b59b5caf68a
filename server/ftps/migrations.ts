/**
 * Schema of FTPS revocation (migration versions 50–54 are reserved for it).
 * Appended to `server/db/migrations.ts`.
 *
 * - `users.sessions_epoch` moves on every revocation of a user's sessions
 *   (sign-out, password change or reset, MFA change, disable, MFA reset):
 *   whatever was derived from a session carries the epoch it was issued in
 *   and is void once the epoch moved on.
 * - `transfer_tokens.session_hash` / `epoch`: a transfer token belongs to
 *   the portal session that asked for it and to the user's epoch then.
 *   Tokens issued before this migration have neither and are refused.
 */
import type { Migration } from '../db/types';

/** Migration of app passwords (version 55, next to FTPS revocation's 50–54). */
export const appPasswordMigrations: Migration[] = [
  {
    version: 55,
    name: 'FTPS app passwords',
    statements: [
      `ALTER TABLE users ADD COLUMN credentials_epoch integer NOT NULL DEFAULT 0`,
      `CREATE TABLE app_passwords (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL,
        password_hash text NOT NULL UNIQUE,
        epoch integer NOT NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`,
      `CREATE INDEX app_passwords_user ON app_passwords (user_id)`,
    ],
  },
];

/** Migrations of FTPS revocation. */
export const ftpsRevocationMigrations: Migration[] = [
  {
    version: 50,
    name: 'transfer tokens bound to the portal session',
    statements: [
      `ALTER TABLE users ADD COLUMN sessions_epoch integer NOT NULL DEFAULT 0`,
      `ALTER TABLE transfer_tokens ADD COLUMN session_hash text`,
      `ALTER TABLE transfer_tokens ADD COLUMN epoch integer`,
    ],
  },
  // FTPS app passwords (version 55).
  ...appPasswordMigrations,
];
