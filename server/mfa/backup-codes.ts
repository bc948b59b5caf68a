/**
 * One-time backup codes: 10 codes of 80 random bits each, shown once, stored
 * hashed, each usable once.
 *
 * Why a plain SHA-256 (or HMAC-SHA-256 with a pepper) and not Argon2: slow
 * hashes protect LOW-entropy secrets (passwords) from guessing. A backup code
 * is 80 bits from the CSPRNG; even at 10^12 SHA-256 guesses per second,
 * finding one code from a leaked hash takes ~2^80 / 10^12 s ≈ 38,000 years.
 * A fast hash also lets the server check all 10 codes per attempt cheaply.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { replaceUnsafe } from '../../common/text/guard';

/** Crockford's Base32 alphabet: no I, L, O, U, so codes read aloud and copy by hand safely. */
export const BACKUP_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Codes per set. */
export const BACKUP_CODE_COUNT = 10;
/** Characters per code: 16 × 5 bits = 80 bits. */
export const BACKUP_CODE_LENGTH = 16;

/** One code, grouped for humans: `XXXX-XXXX-XXXX-XXXX`. */
export function createBackupCode(): string {
  const bytes = randomBytes((BACKUP_CODE_LENGTH * 5) / 8);
  // Read the 80 bits five at a time: every character is exactly uniform.
  let bits = 0;
  let value = 0;
  let raw = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      raw += BACKUP_CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return raw.match(/.{4}/g)!.join('-');
}

/** A fresh set of {@link BACKUP_CODE_COUNT} distinct codes. */
export function createBackupCodes(count: number = BACKUP_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(createBackupCode());
  return [...codes];
}

/**
 * Canonical form of what a user typed: spaces and dashes dropped, upper-cased,
 * and Crockford's look-alikes mapped (O→0, I/L→1). Null when it cannot be a code.
 */
export function normaliseBackupCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const s = input.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== BACKUP_CODE_LENGTH) return null;
  for (const ch of s) if (!BACKUP_CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** Hex digest stored for a code; with a pepper (server secret) it is HMAC-SHA-256. */
export function hashBackupCode(code: string, pepper?: Uint8Array): string {
  const canonical = normaliseBackupCode(code);
  if (canonical === null) throw new Error('not a backup code');
  const h = pepper ? createHmac('sha256', pepper) : createHash('sha256');
  return h.update(canonical, 'utf8').digest('hex');
}

/** Outcome of {@link verifyBackupCode}; `index` is the stored entry to mark as used. */
export type BackupCodeResult = { ok: true; index: number } | { ok: false; reason: 'malformed' | 'invalid' };

/**
 * Finds the user's input among the stored hashes. Used codes are stored as
 * `null` (or removed) by the caller, who must mark `index` used atomically.
 * Every entry is compared in constant time, without stopping early.
 */
export function verifyBackupCode(
  input: unknown,
  storedHashes: ReadonlyArray<string | null>,
  pepper?: Uint8Array,
): BackupCodeResult {
  const canonical = normaliseBackupCode(input);
  if (canonical === null) return { ok: false, reason: 'malformed' };
  const candidate = Buffer.from(hashBackupCode(canonical, pepper), 'hex');
  let found = -1;
  storedHashes.forEach((stored, i) => {
    if (typeof stored !== 'string' || stored.length !== candidate.length * 2) return;
    if (timingSafeEqual(Buffer.from(stored, 'hex'), candidate) && found < 0) found = i;
  });
  return found >= 0 ? { ok: true, index: found } : { ok: false, reason: 'invalid' };
}

/** Input for the downloadable file. */
export interface BackupCodesFileInput {
  portalName: string;
  username: string;
  codes: readonly string[];
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Names come from configuration and accounts; keep the file one-line-per-field and printable. */
function printable(text: string, max = 100): string {
  const clean = [...replaceUnsafe(text, ' ', { invisible: true })].slice(0, max).join('').trim();
  return clean || '-';
}

/** Text of the `.txt` file offered by *Download codes* (CRLF so Windows Notepad shows it right everywhere). */
export function formatBackupCodesFile(input: BackupCodesFileInput): string {
  const created = new Date(input.createdAt)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
  const lines = [
    `${printable(input.portalName)} - backup codes`,
    '',
    `Account: ${printable(input.username)}`,
    `Generated: ${created}`,
    '',
    ...input.codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${printable(code, 32)}`),
    '',
    'Use a backup code to sign in when your phone or authenticator app is not at hand:',
    'choose "Enter a Passcode" and type one of the codes above.',
    '- Each code works only once.',
    '- Keep these codes somewhere safe and private, like a password manager.',
    '- Generating new codes makes all of these codes stop working.',
    '',
  ];
  return lines.join('\r\n');
}
