/**
 * The portal's stable identity: a random id made once and kept in the
 * database, announced in `/branding`. The client files each portal's queue,
 * favorites and preferences under it, so a portal that comes back on a new
 * address (the reference portal picks another port when its usual one is
 * taken) is still recognised as the same portal.
 *
 * Migration versions 70–74 are reserved for this feature.
 */
import { randomBytes } from 'node:crypto';
import type { Migration } from './db/types';
import type { Queryable } from './db/types';

/** The one-row table holding the id (the `singleton` key allows no second row). */
export const portalIdentityMigrations: Migration[] = [
  {
    version: 70,
    name: 'portal identity',
    statements: [
      `CREATE TABLE portal_identity (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        id text NOT NULL,
        created_at timestamptz NOT NULL
      )`,
    ],
  },
];

/**
 * The portal's id, made on the first start. Instances sharing a database
 * race on the insert; the primary key lets exactly one win and every
 * instance reads the winner's id.
 */
export async function ensurePortalId(db: Queryable, now: Date): Promise<string> {
  const candidate = randomBytes(16).toString('base64url');
  await db.query(
    `INSERT INTO portal_identity (singleton, id, created_at) VALUES (true, $1, $2) ON CONFLICT (singleton) DO NOTHING`,
    [candidate, now.toISOString()],
  );
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM portal_identity WHERE singleton`);
  const id = rows[0]?.id;
  if (!id) throw new Error('the portal identity could not be read');
  return id;
}
