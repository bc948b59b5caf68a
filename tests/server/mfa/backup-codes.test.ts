import { describe, expect, it } from 'vitest';
import {
  BACKUP_CODE_ALPHABET,
  createBackupCodes,
  formatBackupCodesFile,
  hashBackupCode,
  normaliseBackupCode,
  verifyBackupCode,
} from '../../../server/mfa/backup-codes';

const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe('generation', () => {
  it('makes 10 distinct codes of 80 bits in XXXX-XXXX-XXXX-XXXX', () => {
    const codes = createBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(FORMAT);
    expect(BACKUP_CODE_ALPHABET).toHaveLength(32); // 16 characters × log2(32) = 80 bits ≥ 64
    expect(new Set(BACKUP_CODE_ALPHABET).size).toBe(32);
  });

  it('uses the whole alphabet (no stuck bits)', () => {
    const chars = new Set(createBackupCodes(200).join('').replace(/-/g, ''));
    expect(chars.size).toBe(32);
  });
});

describe('normaliseBackupCode', () => {
  it.each([
    ['ABCD-EFGH-JKMN-PQRS', 'ABCDEFGHJKMNPQRS'],
    ['abcd efgh jkmn pqrs', 'ABCDEFGHJKMNPQRS'],
    ['  abcdefghjkmnpqrs\n', 'ABCDEFGHJKMNPQRS'],
    ['0OIL-1111-2222-3333', '0011111122223333'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseBackupCode(input)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['too short', 'ABCD-EFGH-JKMN-PQR'],
    ['too long', 'ABCD-EFGH-JKMN-PQRST'],
    ['U is not in the alphabet', 'UBCD-EFGH-JKMN-PQRS'],
    ['punctuation', 'ABCD.EFGH.JKMN.PQRS'],
    ['an enormous input', 'A'.repeat(100_000)],
    ['a number', 1234],
    ['undefined', undefined],
  ])('rejects %s', (_name, input) => {
    expect(normaliseBackupCode(input)).toBeNull();
  });
});

describe('hashing and verification', () => {
  const codes = createBackupCodes();
  const stored: Array<string | null> = codes.map((c) => hashBackupCode(c));

  it('stores a SHA-256 hex digest, the same for any way of typing the code', () => {
    const h = stored[0]!;
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(codes[0]!.replace(/-/g, '').toLowerCase());
    expect(hashBackupCode(codes[0]!.toLowerCase().replace(/-/g, ' '))).toBe(h);
  });

  it('finds the index of each code', () => {
    codes.forEach((c, i) => expect(verifyBackupCode(c, stored)).toEqual({ ok: true, index: i }));
  });

  it('refuses a used code (its slot set to null by the caller)', () => {
    const afterUse = [...stored];
    const r = verifyBackupCode(codes[3], afterUse);
    expect(r).toEqual({ ok: true, index: 3 });
    afterUse[3] = null;
    expect(verifyBackupCode(codes[3], afterUse)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyBackupCode(codes[4], afterUse)).toEqual({ ok: true, index: 4 });
  });

  it.each<[string, unknown, string]>([
    ['a wrong code', '0000-0000-0000-0000', 'invalid'],
    ['garbage', 'letmein', 'malformed'],
    ['a TOTP code', '123456', 'malformed'],
    ['not a string', { code: 1 }, 'malformed'],
  ])('answers %s with %s', (_name, input, reason) => {
    expect(verifyBackupCode(input, stored)).toEqual({ ok: false, reason });
  });

  it('ignores malformed stored entries', () => {
    expect(verifyBackupCode(codes[0], ['zz', '', null, stored[0]!])).toEqual({ ok: true, index: 3 });
  });

  it('uses HMAC when a pepper is configured', () => {
    const pepper = new TextEncoder().encode('pepper-from-config');
    const peppered = codes.map((c) => hashBackupCode(c, pepper));
    expect(peppered[0]).not.toBe(stored[0]);
    expect(verifyBackupCode(codes[0], peppered, pepper)).toEqual({ ok: true, index: 0 });
    expect(verifyBackupCode(codes[0], peppered)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('formatBackupCodesFile', () => {
  const codes = createBackupCodes();
  const createdAt = Date.UTC(2030, 5, 7, 14, 5, 9);
  const text = formatBackupCodesFile({ portalName: 'Acme Portal', username: 'j.smith', codes, createdAt });

  it('has a title, the account, the date, every code and the instructions', () => {
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Acme Portal - backup codes');
    expect(text).toContain('Account: j.smith');
    expect(text).toContain('Generated: 2030-06-07 14:05:09 UTC');
    codes.forEach((c, i) => expect(lines).toContain(`${String(i + 1).padStart(2, ' ')}. ${c}`));
    expect(text).toContain('Each code works only once.');
    expect(text).toMatch(/Keep these codes somewhere safe/);
    expect(text).not.toMatch(/[^\r]\n/); // CRLF throughout
  });

  it('keeps hostile names on one line', () => {
    const evil = formatBackupCodesFile({
      portalName: 'Acme\r\nFAKE INSTRUCTION',
      username: 'bob\u0000\u202e\nroot',
      codes,
      createdAt,
    });
    const lines = evil.split('\r\n');
    expect(lines[0]).toBe('Acme  FAKE INSTRUCTION - backup codes');
    expect(lines.filter((l) => l.startsWith('Account:'))).toHaveLength(1);
    expect(evil.includes('\u0000') || evil.includes('\u202e')).toBe(false);
    expect(lines.some((l) => l === 'root')).toBe(false);
  });

  it('blanks out invisible format characters and lone surrogates, keeping emoji', () => {
    const odd = formatBackupCodesFile({ portalName: 'Acme\u200b\uD800 😀', username: 'bob\u2066x', codes, createdAt });
    const lines = odd.split('\r\n');
    expect(lines[0]).toBe('Acme   😀 - backup codes');
    expect(lines).toContain('Account: bob x');
  });
});
