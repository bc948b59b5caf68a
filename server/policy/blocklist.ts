/**
 * Common-password blocklist (server only). The list is the "passwords-common"
 * dictionary of `@zxcvbn-ts/language-common` (MIT, © Dan Wheeler, Dropbox and
 * @zxcvbn-ts; ~49,000 entries drawn from real breach corpora), read from the
 * installed package at startup rather than copied into this repository, so the
 * data keeps its licence file and upgrades with the package version.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A loaded blocklist. Lookups are case-insensitive. */
export interface Blocklist {
  /** Number of distinct (lower-cased) entries. */
  readonly size: number;
  /** True when the password is a listed password or a listed one with a short suffix ("Passw0rd!", "Monkey2024"). */
  has(password: string): boolean;
}

/** The package file the list is read from; exported for the licence notice and tests. */
export const COMMON_PASSWORDS_SOURCE = '@zxcvbn-ts/language-common/src/passwords.json';

/**
 * Users defeat blocklists by appending a digit, a year or "!" to a common
 * word. Stripping a trailing run of at most 4 digits/symbols, and checking the
 * remaining base when it is at least 4 characters long, catches that without
 * banning long passphrases that merely end in digits.
 */
const SUFFIX_CHAR = /[\p{Nd}\p{P}\p{S}]/u;
const MAX_SUFFIX = 4;
const MIN_BASE = 4;

function normalise(password: string): string {
  return password.normalize('NFC').toLowerCase();
}

/** Builds a blocklist from entries (any case). */
export function createBlocklist(entries: Iterable<string>): Blocklist {
  const set = new Set<string>();
  for (const e of entries) {
    const n = normalise(e.trim());
    if (n) set.add(n);
  }
  return {
    size: set.size,
    has(password: string): boolean {
      const p = normalise(password);
      if (set.has(p)) return true;
      const chars = [...p];
      for (let k = 1; k <= MAX_SUFFIX && chars.length - k >= MIN_BASE; k++) {
        if (!SUFFIX_CHAR.test(chars[chars.length - k]!)) break;
        if (set.has(chars.slice(0, -k).join(''))) return true;
      }
      return false;
    },
  };
}

/** Reads the shipped dictionary (throws when the file is missing or malformed: fail at startup, not per request). */
export function readCommonPasswords(): string[] {
  const file = createRequire(import.meta.url).resolve(COMMON_PASSWORDS_SOURCE);
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data) || !data.every((e) => typeof e === 'string')) {
    throw new Error(`common-password list at ${file} is not an array of strings`);
  }
  return data as string[];
}

let cached: Blocklist | undefined;

/**
 * The common-password blocklist, loaded once per process, plus optional
 * site-specific words (portal name, company name) from configuration.
 */
export function loadCommonPasswordBlocklist(extra: Iterable<string> = []): Blocklist {
  const extras = [...extra];
  if (extras.length === 0) return (cached ??= createBlocklist(readCommonPasswords()));
  return createBlocklist([...readCommonPasswords(), ...extras]);
}
