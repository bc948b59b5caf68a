/**
 * Argon2id password hashing and temporary-password generation. Passwords are
 * hashed whole (never truncated); an unknown user is checked against a dummy
 * hash of the same cost so the answer and its timing match a wrong password.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';

/** Argon2id cost parameters (see SECURITY.md for the floors). */
export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

// `Algorithm` is an ambient const enum, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm.Argon2id;

/** Hashes and verifies passwords with one configured cost. */
export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly cost: Argon2Cost) {}

  /** Argon2id PHC string for `password`. */
  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, ...this.cost });
  }

  /** True when `password` matches `passwordHash`; false (never throws) on a malformed hash. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as {@link verify} for a user that does not exist; always false. */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}

const CONSONANTS = 'bcdfghjkmnpqrstvwxz';
const VOWELS = 'aeiuo';
const SYMBOLS = '-.!+*';
// No 0 or 1: they read like O and l.
const DIGITS = '23456789';

function syllables(count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) {
    out += CONSONANTS[randomInt(CONSONANTS.length)]! + VOWELS[randomInt(VOWELS.length)]!;
  }
  return out;
}

/**
 * A random password people can read out over the phone, e.g.
 * `Bofake-Rimanu-Tesopa-47` (about 68 bits): at least 12 characters with
 * upper case, lower case, a digit and a symbol. No look-alike characters.
 */
export function generateReadablePassword(): string {
  const words = Array.from({ length: 3 }, () => {
    const word = syllables(3);
    return word[0]!.toUpperCase() + word.slice(1);
  });
  const separator = SYMBOLS[randomInt(SYMBOLS.length)]!;
  const digits = DIGITS[randomInt(DIGITS.length)]! + DIGITS[randomInt(DIGITS.length)]!;
  return `${words.join(separator)}${separator}${digits}`;
}
