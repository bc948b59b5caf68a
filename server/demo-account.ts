/** The demo account a fresh portal starts with. */
import type { PasswordHasher } from './auth/passwords';
import { generateReadablePassword } from './auth/passwords';
import { createUser } from './auth/users';
import type { Clock } from './clock';
import type { Db } from './db';

/** Credentials of a just-created demo account (shown once, like an e-mail to a customer). */
export interface DemoAccount {
  username: string;
  password: string;
}

/** Advisory-lock key so two instances starting together create one demo account. */
const DEMO_LOCK_KEY = 0x504f5254495;

/**
 * Creates `demo` / "Demo User" with a random password when the database has
 * no users at all. Returns the credentials, or null when users already exist.
 */
export async function ensureDemoAccount(
  db: Db,
  hasher: PasswordHasher,
  clock: Clock,
): Promise<DemoAccount | null> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (Number(existing.rows[0]?.n ?? 0) > 0) return null;
  const password = generateReadablePassword();
  const passwordHash = await hasher.hash(password);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [DEMO_LOCK_KEY]);
    const count = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (Number(count.rows[0]?.n ?? 0) > 0) return null;
    await createUser(tx, {
      username: 'demo',
      displayName: 'Demo User',
      passwordHash,
      roles: ['user'],
      now: clock.now(),
    });
    return { username: 'demo', password };
  });
}
