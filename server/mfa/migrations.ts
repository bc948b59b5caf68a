/**
 * Schema for activation and the second factor (migration versions 10–19 are
 * reserved for this feature). Appended to `server/db/migrations.ts`.
 *
 * MFA failures are written to the password feature's `auth_failures` table (version 20),
 * so every kind of failure counts toward one lockout; `audit_events` is
 * created by whichever migration runs first (both use IF NOT EXISTS).
 */
import type { Migration } from '../db/types';

/** Migrations of the second-factor feature. */
export const mfaMigrations: Migration[] = [
  {
    version: 10,
    name: 'second factor: devices, backup codes, pushes, sign-in flows, remember-me, audit',
    statements: [
      // Once true, the account always needs a second factor (set at enrollment
      // and for accounts created with a temporary password).
      `ALTER TABLE users ADD COLUMN mfa_required boolean NOT NULL DEFAULT false`,
      `ALTER TABLE users ADD COLUMN mfa_preference text NOT NULL DEFAULT 'ask' CHECK (mfa_preference IN ('ask', 'push'))`,
      // Set when the user confirmed "I saved them" for their backup codes (activation).
      `ALTER TABLE users ADD COLUMN backup_codes_saved_at timestamptz`,
      `CREATE TABLE sign_in_flows (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        install_id text,
        factor_verified boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        completed_at timestamptz
      )`,
      `CREATE INDEX sign_in_flows_user ON sign_in_flows (user_id)`,
      `CREATE TABLE mfa_devices (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('mobile', 'tablet', 'authenticator')),
        name text NOT NULL,
        phone_number text,
        phone_type text,
        status text NOT NULL CHECK (status IN ('pending', 'active')),
        totp_secret text NOT NULL,
        last_step bigint,
        bind_token_hash text UNIQUE,
        bind_expires_at timestamptz,
        push_token_hash text UNIQUE,
        push_bound_at timestamptz,
        flow_id text,
        created_at timestamptz NOT NULL,
        confirmed_at timestamptz
      )`,
      `CREATE INDEX mfa_devices_user ON mfa_devices (user_id)`,
      `CREATE TABLE backup_codes (
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        idx integer NOT NULL,
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, idx)
      )`,
      `CREATE TABLE push_requests (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        flow_id text NOT NULL,
        state text NOT NULL,
        app text NOT NULL,
        address text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        settled_at timestamptz,
        answered_by text
      )`,
      `CREATE INDEX push_requests_user ON push_requests (user_id, issued_at)`,
      `CREATE TABLE remembered_devices (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        install_id text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
      `CREATE INDEX remembered_devices_user ON remembered_devices (user_id)`,
      `CREATE TABLE step_ups (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        session_hash text NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS audit_events (
        id text PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        user_id text,
        type text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
      `CREATE INDEX IF NOT EXISTS audit_events_user ON audit_events (user_id, at)`,
    ],
  },
  {
    version: 11,
    name: 'second factor: the key id TOTP seeds are sealed with',
    // One row: the fingerprint (never the key) of the portal's seed key. The
    // first instance records it; an instance with another key refuses to
    // start, so instances sharing a database cannot seal with different keys.
    statements: [
      `CREATE TABLE mfa_seed_key (
        id integer PRIMARY KEY CHECK (id = 1),
        key_id text NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    ],
  },
  {
    version: 16,
    name: 'second factor: verified push codes and the mute after "This wasn\'t me"',
    statements: [
      // Verified push: the 3-digit code the sign-in screen shows and the phone
      // must be given (null when the portal's push.verification is off).
      `ALTER TABLE push_requests ADD COLUMN verification_code text`,
      // Why a push was denied: 'wrong_code' when the phone was given another code.
      `ALTER TABLE push_requests ADD COLUMN deny_reason text`,
      // After "This wasn't me": no pushes for this user until then (passcodes only).
      `ALTER TABLE users ADD COLUMN push_muted_until timestamptz`,
    ],
  },
];

/**
 * A forgotten-password reset sends a push for every name, known or not (reset
 * range, versions 20–29): a push for a name without an account has no user
 * and is counted against that name (`decoy_key`, the lower-cased name) under
 * the same pending and rate limits a user's pushes are, so neither its answer
 * nor its limits tell an unknown name from a real one. No device ever sees it.
 */
export const resetPushMigrations: Migration[] = [
  {
    version: 21,
    name: 'reset: pushes for names without an account',
    statements: [
      `ALTER TABLE push_requests ALTER COLUMN user_id DROP NOT NULL`,
      `ALTER TABLE push_requests ADD COLUMN decoy_key text`,
      `CREATE INDEX push_requests_decoy ON push_requests (decoy_key, issued_at)`,
    ],
  },
];

/** Activation additions (versions 85–89), run after every earlier range. */
export const activationMigrations: Migration[] = [
  {
    version: 85,
    name: 'activation: recovery phone',
    // The number Support can call to verify the user (authenticator app guide:
    // *Add recovery phone*, one of the two recovery methods).
    statements: [`ALTER TABLE users ADD COLUMN recovery_phone text`],
  },
];
