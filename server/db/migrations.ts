/**
 * Ordered schema migrations. The SAME statements run on PGlite and on
 * PostgreSQL, so keep to plain PostgreSQL. Never edit an applied migration;
 * append a new one. Times are always passed in from the server's Clock
 * (no `now()` in queries) so tests can move time.
 */
import { activationMigrations, mfaMigrations, resetPushMigrations } from '../mfa/migrations';
import { temporaryPasswordMigrations } from '../auth/temporary-password';
import { TRANSFER_TOKENS_MIGRATION } from '../ftps/transfer-tokens';
import { adminMigrations } from '../admin/migrations';
import { ftpsRevocationMigrations } from '../ftps/migrations';
import { portalIdentityMigrations } from '../portal-identity';
import { lightMigrations } from '../light/migrations';
import type { Migration } from './types';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'accounts, sessions and launch tickets',
    statements: [
      `CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL,
        display_name text NOT NULL,
        email text,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT ARRAY['user']::text[],
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        password_changed_at timestamptz NOT NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`,
      `CREATE UNIQUE INDEX users_username_ci ON users (lower(username))`,
      `CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        idle_timeout_seconds integer NOT NULL,
        idle_expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE launch_tickets (
        ticket_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        app_id text NOT NULL,
        method text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      `CREATE INDEX launch_tickets_expiry ON launch_tickets (expires_at)`,
    ],
  },
  // ── Second factor and activation (versions 10–19, in server/mfa/migrations.ts) ──
  ...mfaMigrations,
  // ── Passwords, security questions, reset and lockout (versions 20–29) ──
  {
    version: 20,
    name: 'password history, security answers, lockout counters, reset flows, audit',
    statements: [
      // Bumped on every password change or reset: remember-me tokens issued
      // before it are void (the remember-me check reads it), sessions are revoked.
      `ALTER TABLE users ADD COLUMN credentials_changed_at timestamptz`,
      // The activation password, kept so it can never become the new one.
      `ALTER TABLE users ADD COLUMN temporary_password_hash text`,
      `CREATE TABLE password_history (
        id bigserial PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        password_hash text NOT NULL,
        retired_at timestamptz NOT NULL
      )`,
      `CREATE INDEX password_history_user ON password_history (user_id, id)`,
      `CREATE TABLE security_answers (
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position BETWEEN 0 AND 2),
        question_id text,
        question_text text NOT NULL,
        answer_hash text NOT NULL,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, position)
      )`,
      // Keyed by the lower-cased username, not the user id, so unknown
      // usernames lock exactly like known ones (no account enumeration).
      `CREATE TABLE auth_failures (
        id bigserial PRIMARY KEY,
        username_key text NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX auth_failures_key ON auth_failures (username_key, at)`,
      `CREATE TABLE password_flows (
        token_hash text PRIMARY KEY,
        purpose text NOT NULL,
        username_key text NOT NULL,
        user_id text REFERENCES users (id) ON DELETE CASCADE,
        stage text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      `CREATE INDEX password_flows_expiry ON password_flows (expires_at)`,
      `CREATE TABLE IF NOT EXISTS server_secrets (
        name text PRIMARY KEY,
        value text NOT NULL
      )`,
      // audit_events comes from migration 10 (second factor), which runs first.
    ],
  },
  // ── Reset pushes for names without an account (version 21, in server/mfa/migrations.ts) ──
  ...resetPushMigrations,
  // ── FTPS transfer tokens (versions 30–39) ──
  {
    version: 30,
    name: 'transfer tokens',
    statements: TRANSFER_TOKENS_MIGRATION.split(';')
      .map((statement) => statement.trim())
      .filter((statement) => statement.length > 0),
  },
  // ── New-user requests and administration (versions 40–49, in server/admin/migrations.ts) ──
  ...adminMigrations,
  // ── FTPS revocation (versions 50–54, in server/ftps/migrations.ts) ──
  ...ftpsRevocationMigrations,
  // ── Portal identity (versions 70–74, in server/portal-identity.ts) ──
  ...portalIdentityMigrations,
  // ── Light version: tickets bound to sessions (versions 75–79, in server/light/migrations.ts) ──
  ...lightMigrations,
  // ── Activation additions (versions 85–89, in server/mfa/migrations.ts) ──
  ...activationMigrations,
  // ── Temporary-password expiry (versions 90–94, in server/auth/temporary-password.ts) ──
  ...temporaryPasswordMigrations,
];
