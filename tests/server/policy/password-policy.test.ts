import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_POLICY,
  PORTAL_SYMBOLS,
  characterClasses,
  evaluatePassword,
  passwordExpiry,
  validatePasswordPolicy,
} from '../../../server/policy/password-policy';
import type { PasswordPolicy, PasswordRuleId } from '../../../server/policy/password-policy';
import { GUIDE_PASSWORD_POLICY } from './guide-password-policy';

const policy: PasswordPolicy = { ...DEFAULT_PASSWORD_POLICY };
const met = (password: string, id: PasswordRuleId, p: PasswordPolicy = policy) =>
  evaluatePassword(password, p).rules.find((r) => r.id === id)?.met;

describe('defaults follow the portal guide', () => {
  it('has the guide values and the modern additions', () => {
    expect(DEFAULT_PASSWORD_POLICY).toMatchObject({ ...GUIDE_PASSWORD_POLICY, blocklist: true });
    expect(DEFAULT_PASSWORD_POLICY.maxLength).toBeGreaterThanOrEqual(64);
    expect(validatePasswordPolicy(policy)).toEqual([]);
  });

  it('lists the checklist in a stable order with the guide wording', () => {
    const a = evaluatePassword('', policy).rules;
    const b = evaluatePassword('Correct-Horse-9', policy, {
      username: 'demo',
      isBlocked: () => false,
      isRecent: false,
    }).rules;
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id));
    expect(a.map((r) => r.label)).toEqual([
      'At least 8 characters',
      'Characters from at least 3 of: upper case, lower case, digits, symbols',
      'Does not contain your username',
      'Not a common password',
      'Not one of your last 5 passwords (checked when you save)',
      'No more than 1024 characters',
    ]);
  });

  it('leaves out rules the configuration turns off and follows configured numbers', () => {
    const custom = { ...policy, blocklist: false, historyCount: 0, rejectUsername: false, minLength: 12 };
    const rules = evaluatePassword('x', custom).rules;
    expect(rules.map((r) => r.id)).toEqual(['min-length', 'classes', 'max-length']);
    expect(rules[0]!.label).toBe('At least 12 characters');
  });
});

describe('length boundaries', () => {
  it.each([
    ['Abcdef1', 7, false],
    ['Abcdef12', 8, true],
  ])('%s (%i characters) → met=%s', (pw, len, expected) => {
    expect([...pw].length).toBe(len);
    expect(met(pw, 'min-length')).toBe(expected);
  });

  it.each([64, 128, 1024])('accepts %i characters without truncation', (n) => {
    const pw = 'Aa1!'.repeat(n / 4);
    const result = evaluatePassword(pw, policy, {
      isBlocked: () => false,
      isRecent: false,
      username: 'demo',
      requireAll: true,
    });
    expect(result.isAcceptable).toBe(true);
    expect(result.rules.find((r) => r.id === 'max-length')!.met).toBe(true);
  });

  it('rejects one character over the maximum instead of cutting it', () => {
    const pw = 'Aa1!'.repeat(256) + 'x';
    expect(met(pw, 'max-length')).toBe(false);
    expect(evaluatePassword(pw, policy).isAcceptable).toBe(false);
  });

  it('counts code points, so an emoji is one character', () => {
    expect(met('Abcde1😀', 'min-length')).toBe(false); // 7 code points, 8 UTF-16 units
    expect(met('Abcde1😀x', 'min-length')).toBe(true);
  });
});

describe('character classes', () => {
  it.each([
    ['abcdefgh', 1, false],
    ['abcdefg1', 2, false],
    ['abcdefgH', 2, false],
    ['abcdef!!', 2, false],
    ['abcdefG1', 3, true],
    ['abcdef1!', 3, true],
    ['ABCDEF1!', 3, true],
    ['Abcdef1!', 4, true],
  ])('%s uses %i classes → met=%s', (pw, count, expected) => {
    expect(Object.values(characterClasses(pw)).filter(Boolean)).toHaveLength(count);
    expect(met(pw, 'classes')).toBe(expected);
  });

  it.each([...PORTAL_SYMBOLS])('portal symbol %s counts as a symbol', (sym) => {
    expect(characterClasses(`ab${sym}`)).toEqual({ upper: false, lower: true, digit: false, symbol: true });
  });

  it.each([
    ['space', 'abc def1', { symbol: true, lower: true, digit: true, upper: false }],
    ['accented capitals', 'ÄÖÜabc', { upper: true, lower: true, digit: false, symbol: false }],
    ['Cyrillic', 'Пароль', { upper: true, lower: true, digit: false, symbol: false }],
    ['caseless letters (CJK)', 'abc密码', { lower: true, symbol: true, upper: false, digit: false }],
    ['emoji', 'abc😀', { lower: true, symbol: true, upper: false, digit: false }],
  ])('%s: documented classification', (_name, pw, expected) => {
    expect(characterClasses(pw)).toEqual(expected);
  });

  it('follows a configured minimum of 4 classes', () => {
    expect(met('abcdef1!', 'classes', { ...policy, minClasses: 4 })).toBe(false);
    expect(met('Abcdef1!', 'classes', { ...policy, minClasses: 4 })).toBe(true);
  });
});

describe('context rules', () => {
  it('leaves server-only rules unchecked on the client, and acceptable so far', () => {
    const r = evaluatePassword('Tr0ub4dor&3', policy);
    expect(r.unchecked).toEqual(['not-username', 'not-common', 'not-recent']);
    expect(r.rules.filter((x) => !x.checked).every((x) => x.met === false)).toBe(true);
    expect(r.isAcceptable).toBe(true);
  });

  it('refuses unchecked rules when the server requires all', () => {
    expect(evaluatePassword('Tr0ub4dor&3', policy, { requireAll: true }).isAcceptable).toBe(false);
    const full = { username: 'demo', isBlocked: () => false, isRecent: false, requireAll: true };
    expect(evaluatePassword('Tr0ub4dor&3', policy, full).isAcceptable).toBe(true);
  });

  it.each([
    ['blocklisted', { isBlocked: () => true }, 'not-common'],
    ['recent or temporary', { isRecent: true }, 'not-recent'],
    ['containing the username', { username: 'JSmith' }, 'not-username'],
  ])('rejects a password %s', (_name, ctx, id) => {
    const r = evaluatePassword('xjsmithX9!', policy, ctx);
    expect(r.rules.find((x) => x.id === id)).toMatchObject({ met: false, checked: true });
    expect(r.isAcceptable).toBe(false);
  });

  it('ignores very short usernames', () => {
    expect(
      evaluatePassword('Abcdef1!', policy, { username: 'ab' }).rules.find((x) => x.id === 'not-username')!
        .met,
    ).toBe(true);
  });

  it('passes the password itself to the blocklist lookup', () => {
    const seen: string[] = [];
    evaluatePassword('Secret-42x', policy, { isBlocked: (p) => (seen.push(p), false) });
    expect(seen).toEqual(['Secret-42x']);
  });
});

describe('expiry (fake clock)', () => {
  const changedAt = Date.UTC(2030, 0, 1, 9, 30);
  const day = 86_400_000;
  it.each([
    [0, 90, 'ok'],
    [75, 15, 'ok'],
    [76, 14, 'remind'],
    [82, 8, 'remind'],
    [83, 7, 'notify'],
    [89, 1, 'notify'],
    [89.99, 1, 'notify'],
    [90, 0, 'expired'],
    [400, 0, 'expired'],
  ])('day %f → %i days left, %s', (d, left, state) => {
    const r = passwordExpiry(changedAt, policy, changedAt + d * day);
    expect(r).toEqual({ expiresAt: changedAt + 90 * day, daysLeft: left, state });
  });

  it('never expires when maxAgeDays is null', () => {
    expect(passwordExpiry(0, { ...policy, maxAgeDays: null }, 1e13)).toEqual({
      expiresAt: null,
      daysLeft: null,
      state: 'ok',
    });
  });

  it('follows configured reminder windows', () => {
    const custom = { ...policy, maxAgeDays: 30, reminderDays: 5, notifyDays: 2 };
    expect(passwordExpiry(0, custom, 24 * day).state).toBe('ok');
    expect(passwordExpiry(0, custom, 25 * day).state).toBe('remind');
    expect(passwordExpiry(0, custom, 28 * day).state).toBe('notify');
  });
});

describe('validatePasswordPolicy', () => {
  it.each<[string, Partial<PasswordPolicy>]>([
    ['maxLength below 64', { maxLength: 63 }],
    ['zero minLength', { minLength: 0 }],
    ['5 classes', { minClasses: 5 }],
    ['negative history', { historyCount: -1 }],
    ['notify longer than remind', { notifyDays: 20 }],
    ['fractional age', { maxAgeDays: 1.5 }],
  ])('reports %s', (_name, change) => {
    expect(validatePasswordPolicy({ ...policy, ...change }).length).toBeGreaterThan(0);
  });
});
