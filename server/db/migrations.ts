/**
 * Ordered schema migrations. The SAME statements run on PGlite and on
 * PostgreSQL, so keep to plain PostgreSQL. Never edit an applied migration;
 * append a new one. Times are always passed in from the server's Clock
 * (no `now()` in queries) so tests can move time.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

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
];
