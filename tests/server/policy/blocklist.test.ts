import { describe, expect, it } from 'vitest';
import {
  createBlocklist,
  loadCommonPasswordBlocklist,
  readCommonPasswords,
} from '../../../server/policy/blocklist';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from '../../../server/policy/password-policy';

describe('common-password blocklist', () => {
  const list = loadCommonPasswordBlocklist();
  const raw = readCommonPasswords();

  it('ships at least 3,000 distinct entries', () => {
    expect(list.size).toBeGreaterThanOrEqual(3000);
    expect(raw.length).toBeGreaterThanOrEqual(list.size);
  });

  // Entries checked to be in the shipped list (see the assertion below), in any case.
  it.each([
    'password1',
    'P@ssw0rd',
    'Pa$$w0rd',
    'Password!',
    'Passw0rd',
    'TRUSTNO1',
    'qwerty123',
    'Welcome1',
  ])('blocks the listed password %s', (pw) => {
    expect(raw).toContain(pw.toLowerCase());
    expect(list.has(pw)).toBe(true);
  });

  it.each(['Passw0rd!', 'Monkey2024', 'dragon#1', 'Letmein!!'])(
    'blocks a listed password with a short suffix: %s',
    (pw) => {
      expect(raw).not.toContain(pw.toLowerCase());
      expect(list.has(pw)).toBe(true);
    },
  );

  it.each(['Tr0ub4dor&3x', 'Correct-Horse-Battery-9', 'vN7#pQ2!zL', 'password with many words 12'])(
    'allows %s',
    (pw) => {
      expect(list.has(pw)).toBe(false);
    },
  );

  it('catches passwords that meet length and classes but are common', () => {
    const r = evaluatePassword('P@ssw0rd', DEFAULT_PASSWORD_POLICY, { isBlocked: (p) => list.has(p) });
    expect(r.rules.find((x) => x.id === 'min-length')!.met).toBe(true);
    expect(r.rules.find((x) => x.id === 'classes')!.met).toBe(true);
    expect(r.rules.find((x) => x.id === 'not-common')!.met).toBe(false);
    expect(r.isAcceptable).toBe(false);
  });

  it('adds site-specific words', () => {
    const withSite = loadCommonPasswordBlocklist(['Portico']);
    expect(withSite.has('portico2025')).toBe(true);
    expect(list.has('portico2025')).toBe(false);
  });

  it('does not strip long numeric tails or leave tiny bases', () => {
    const small = createBlocklist(['abc', 'summer']);
    expect(small.has('abc1')).toBe(false); // base under 4 characters
    expect(small.has('SUMMER12345')).toBe(false); // 5-character tail
    expect(small.has('Summer1234')).toBe(true);
  });
});
