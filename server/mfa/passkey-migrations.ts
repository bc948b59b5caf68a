/**
 * Schema of passkeys and security keys (versions 65–69). A passkey is an
 * `mfa_devices` row of kind `passkey` (so the devices list, rename, remove,
 * "never the last" and the sign-in gates treat it like any other method)
 * with no TOTP seed, and one `webauthn_credentials` row holding its public
 * key and signature counter. `webauthn_ceremonies` holds each registration or
 * sign-in ceremony: its challenge, who it is for, and its single-use state.
 */
import type { Migration } from '../db/types';

export const passkeyMigrations: Migration[] = [
  {
    version: 65,
    name: 'passkeys: WebAuthn credentials and ceremonies',
    statements: [
      `ALTER TABLE mfa_devices DROP CONSTRAINT IF EXISTS mfa_devices_kind_check`,
      `ALTER TABLE mfa_devices ADD CONSTRAINT mfa_devices_kind_check CHECK (kind IN ('mobile', 'tablet', 'authenticator', 'passkey'))`,
      // Passkeys have no TOTP seed; every other kind still must.
      `ALTER TABLE mfa_devices ALTER COLUMN totp_secret DROP NOT NULL`,
      `ALTER TABLE mfa_devices ADD CONSTRAINT mfa_devices_seed_check CHECK ((kind = 'passkey') = (totp_secret IS NULL))`,
      `CREATE TABLE webauthn_credentials (
        device_id text PRIMARY KEY REFERENCES mfa_devices (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        credential_id text NOT NULL UNIQUE,
        public_key text NOT NULL,
        counter bigint NOT NULL,
        transports text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`,
      `CREATE INDEX webauthn_credentials_user ON webauthn_credentials (user_id)`,
      `CREATE TABLE webauthn_ceremonies (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('register', 'authenticate')),
        flow_id text,
        session_hash text,
        options jsonb NOT NULL,
        challenge text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'verifying', 'done', 'failed')),
        message text,
        device_id text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        settled_at timestamptz
      )`,
      `CREATE INDEX webauthn_ceremonies_user ON webauthn_ceremonies (user_id, created_at)`,
    ],
  },
];
