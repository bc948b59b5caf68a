/**
 * The database side of sealed TOTP seeds: the start-up check (the key this
 * portal has is the one the database's seeds need; legacy plaintext seeds
 * are sealed) and the re-seal of every seed that `rotate-key` runs. Both
 * take one transaction under an advisory lock, so instances starting at
 * once do the work exactly once.
 */
import type { Db, Queryable } from '../db';
import { isSealedSeed, type SeedCipher } from './seed-cipher';
import { SEED_KEY_ENV, SeedKeyError } from './seed-keys';

/** Advisory-lock key of seed work ("SEEDS" in ASCII). */
const SEED_LOCK_KEY = 0x5345454453;

interface SeedRow {
  id: string;
  user_id: string;
  totp_secret: string;
}

function mismatch(seeds: SeedCipher, needed: string): SeedKeyError {
  return new SeedKeyError(
    'key_mismatch',
    `The TOTP seeds in this database are sealed with key ${needed}, but this portal has ${seeds.keys.map((k) => k.id).join(', ')}. ` +
      `Every instance must use the same seed key: set ${SEED_KEY_ENV} to it (see docs/operations.md, "TOTP seed key").`,
  );
}

/** Records `keyId` as the key every seed is sealed with. */
async function recordKey(tx: Queryable, keyId: string, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO mfa_seed_key (id, key_id, updated_at) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at`,
    [keyId, now],
  );
}

/**
 * Start-up step. Refuses (a `SeedKeyError`) when the database's recorded key
 * or any sealed seed needs a key this portal does not have; records the
 * primary key on the first start; seals every legacy plaintext seed.
 * @returns how many legacy seeds it sealed (0 on every later start).
 */
export async function prepareSeeds(db: Db, seeds: SeedCipher, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SEED_LOCK_KEY]);
    const recorded = await tx.query<{ key_id: string }>('SELECT key_id FROM mfa_seed_key WHERE id = 1');
    const claimed = recorded.rows[0]?.key_id;
    if (claimed !== undefined && !seeds.knows(claimed)) throw mismatch(seeds, claimed);
    const used = await tx.query<{ key_id: string }>(
      `SELECT DISTINCT split_part(totp_secret, ':', 2) AS key_id FROM mfa_devices WHERE totp_secret LIKE 's1:%'`,
    );
    for (const { key_id } of used.rows) if (!seeds.knows(key_id)) throw mismatch(seeds, key_id);
    if (claimed === undefined) await recordKey(tx, seeds.primary.id, now);

    const legacy = await tx.query<SeedRow>(
      `SELECT id, user_id, totp_secret FROM mfa_devices WHERE totp_secret NOT LIKE 's1:%' FOR UPDATE`,
    );
    for (const row of legacy.rows) {
      const sealed = seeds.seal(row.totp_secret, { userId: row.user_id, deviceId: row.id });
      await tx.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [row.id, sealed]);
    }
    return legacy.rows.length;
  });
}

/**
 * Re-seals every seed (pending and active, legacy included) under the
 * keyring's primary key and records it, in ONE transaction: either every
 * seed moves to the new key or none does, and the old key keeps working
 * until the commit. A seed that does not open aborts the whole rotation.
 * @returns how many seeds were re-sealed.
 */
export async function resealAllSeeds(db: Db, seeds: SeedCipher, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SEED_LOCK_KEY]);
    const rows = await tx.query<SeedRow>(
      // Passkeys have no seed.
      'SELECT id, user_id, totp_secret FROM mfa_devices WHERE totp_secret IS NOT NULL ORDER BY id FOR UPDATE',
    );
    for (const row of rows.rows) {
      const binding = { userId: row.user_id, deviceId: row.id };
      const seed = isSealedSeed(row.totp_secret) ? seeds.open(row.totp_secret, binding) : row.totp_secret;
      await tx.query('UPDATE mfa_devices SET totp_secret = $2 WHERE id = $1', [
        row.id,
        seeds.seal(seed, binding),
      ]);
    }
    await recordKey(tx, seeds.primary.id, now);
    return rows.rows.length;
  });
}
