/**
 * Suggests a username from a person's full name: first initial + last name,
 * lower case, accents folded to ASCII ("Zoë van der Berg" → "zberg"), with a
 * number appended when taken ("zberg2"). Managers can edit it before approving.
 */
import type { Queryable } from '../db';
import { USERNAME_PATTERN } from '../auth/users';

/** Letters and digits of `text`, accents removed, lower case. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The un-numbered suggestion for `fullName` (never empty: falls back to "user"). */
export function baseUsername(fullName: string): string {
  const parts = fullName
    .split(/[\s,]+/)
    .map(fold)
    .filter((part) => part.length > 0);
  if (parts.length === 0) return 'user';
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const base = parts.length === 1 ? first : `${first[0]}${last}`;
  return base.slice(0, 30);
}

/** The first of `base`, `base2`, `base3`, … that `taken` does not contain (ignoring case). */
export function firstFreeUsername(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base) && USERNAME_PATTERN.test(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Suggests a free username for `fullName`, looking at the users table. */
export async function suggestUsername(db: Queryable, fullName: string): Promise<string> {
  const base = baseUsername(fullName);
  const rows = await db.query<{ name: string }>(
    `SELECT lower(username) AS name FROM users WHERE lower(username) = $1 OR lower(username) ~ $2`,
    [base, `^${base}[0-9]+$`],
  );
  return firstFreeUsername(base, new Set(rows.rows.map((row) => row.name)));
}
