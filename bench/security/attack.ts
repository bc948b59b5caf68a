/**
 * The shape of one attack in `npm run bench:security`: what it tried, how
 * much of it the portal accepted (must be 0) and, for limits, how many
 * attempts were actually checked against how many the limit allows.
 */
export type Database = 'pglite' | 'postgres';

export interface AttackResult {
  attempts: number;
  /** Attempts that got what the attacker wanted. Anything above 0 fails the bench. */
  accepted: number;
  /** Attempts the portal actually checked (a password verified, a code compared, bytes stored). */
  checked?: number;
  /** What `checked` may reach. */
  limit?: number;
  note?: string;
  /** Set when the attack could not run here (e.g. no PostgreSQL). */
  skipped?: boolean;
}

export interface Attack {
  name: string;
  /** The databases it runs on; empty when no database is involved. */
  databases: readonly Database[];
  run(db: Database | null): Promise<AttackResult>;
}

/** Attempts that broke through: accepted ones, and checks past the limit. */
export function breaches(result: AttackResult): number {
  const over =
    result.checked !== undefined && result.limit !== undefined
      ? Math.max(0, result.checked - result.limit)
      : 0;
  return result.accepted + over;
}
