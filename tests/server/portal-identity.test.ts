/**
 * The portal's stable identity: announced in `/branding`, the same after a
 * restart on the same data (and a new port), different for another portal,
 * and made exactly once when many instances start together.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brandingSchema } from '../../common/api/core';
import { openDb } from '../../server/db/index';
import { ensurePortalId } from '../../server/portal-identity';
import { seedPglite } from '../setup/pglite-template';
import { BURST, burst } from './burst';
import { backends, dropTestSchema, useTestPortal } from './helpers';

async function portalIdAt(url: string): Promise<string | undefined> {
  const response = await fetch(new URL('/api/v1/branding', url));
  expect(response.status).toBe(200);
  return brandingSchema.parse(await response.json()).portalId;
}

describe.each(backends)('portal identity ($name)', (backend) => {
  const portal = useTestPortal(backend);
  const other = useTestPortal(backend);

  it('announces an id that survives a restart on another port, and differs from another portal', async () => {
    const first = await portalIdAt(portal.url);
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    await portal.stop();
    const again = await portal.restart();
    expect(again.url).not.toBe(portal.url);
    expect(await portalIdAt(again.url)).toBe(first);
    expect(await portalIdAt(other.url)).not.toBe(first);
  });

  it(`is made once when ${BURST} starts race on a new database`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-identity-'));
    const schema = backend.databaseUrl ? `portico_test_${randomBytes(6).toString('hex')}` : undefined;
    // A migrated database without an identity yet: the run's template, not
    // a new initdb (seconds of CPU that, on a busy machine, ate the time
    // the race itself is given).
    if (!backend.databaseUrl) expect(seedPglite(dataDir)).toBe(true);
    const db = await openDb({ dataDir, databaseUrl: backend.databaseUrl, schema });
    try {
      const ids = await burst(BURST, () => ensurePortalId(db, new Date('2026-01-15T09:00:00.000Z')));
      expect(new Set(ids).size).toBe(1);
      const { rows } = await db.query<{ id: string }>('SELECT id FROM portal_identity');
      expect(rows.map((row) => row.id)).toEqual([ids[0]]);
    } finally {
      await db.close();
      await dropTestSchema(backend.databaseUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
