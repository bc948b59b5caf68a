/**
 * Schema for new-user requests and administration (migration versions 40–49
 * are reserved for this feature). Appended to `server/db/migrations.ts`.
 *
 * `audit_events` is shared: migration 10 (second factor) creates it, and
 * admin actions are written to it too.
 */
import type { Migration } from '../db/types';

/** Migrations of the administration feature. */
export const adminMigrations: Migration[] = [
  {
    version: 40,
    name: 'new-user requests',
    statements: [
      `CREATE TABLE user_requests (
        id text PRIMARY KEY,
        full_name text NOT NULL,
        email text NOT NULL,
        email_key text NOT NULL,
        note text,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
        requester_ids text[] NOT NULL,
        times_requested integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decline_reason text,
        created_username text
      )`,
      // At most one open request per address: a second one is merged into it.
      `CREATE UNIQUE INDEX user_requests_pending_email ON user_requests (email_key) WHERE status = 'pending'`,
      `CREATE INDEX user_requests_status ON user_requests (status, created_at)`,
      `CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at)`,
    ],
  },
];
