import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_POLICY, lockoutStatus } from '../../../server/policy/lockout';
import type { FailureKind, FailureRecord, LockoutHistory } from '../../../server/policy/lockout';

const MIN = 60_000;
const T0 = Date.UTC(2030, 4, 1, 8, 0);
const fail = (minute: number, kind: FailureKind = 'password'): FailureRecord => ({
  at: T0 + minute * MIN,
  kind,
});
const at = (minute: number) => T0 + minute * MIN;

describe('lockoutStatus', () => {
  it.each<[string, number[], number, { locked: boolean; attemptsLeft?: number; warn?: boolean }]>([
    ['no failures', [], 0, { locked: false, attemptsLeft: 5, warn: false }],
    ['2 failures', [0, 1], 2, { locked: false, attemptsLeft: 3, warn: false }],
    ['3 failures: warn, 2 left', [0, 1, 2], 3, { locked: false, attemptsLeft: 2, warn: true }],
    ['4 failures: warn, 1 left', [0, 1, 2, 3], 4, { locked: false, attemptsLeft: 1, warn: true }],
    ['5 failures within 15 minutes lock', [0, 1, 2, 3, 4], 5, { locked: true }],
    [
      '5 failures spread over exactly 15 minutes do not',
      [0, 4, 8, 12, 15],
      15,
      { locked: false, attemptsLeft: 1 },
    ],
    ['old failures leave the window', [0, 1, 2, 3], 20, { locked: false, attemptsLeft: 5, warn: false }],
  ])('%s', (_name, minutes, now, expected) => {
    expect(lockoutStatus({ failures: minutes.map((m) => fail(m)) }, at(now))).toMatchObject(expected);
  });

  it('locks at the 5th failure for 30 minutes, then lifts by itself', () => {
    const history = { failures: [0, 1, 2, 3, 4].map((m) => fail(m)) };
    expect(lockoutStatus(history, at(4))).toEqual({ locked: true, lockedAt: at(4), lockedUntil: at(34) });
    expect(lockoutStatus(history, at(33.99)).locked).toBe(true);
    expect(lockoutStatus(history, at(34))).toEqual({ locked: false, attemptsLeft: 5, warn: false });
  });

  it('counts every kind of failure together; a new challenge resets nothing', () => {
    const kinds: FailureKind[] = ['password', 'security-answer', 'mfa-code', 'backup-code', 'push'];
    const history = { failures: kinds.map((k, i) => fail(i, k)) };
    expect(lockoutStatus(history, at(5)).locked).toBe(true);
  });

  it('resets on a successful sign-in', () => {
    const history: LockoutHistory = { failures: [0, 1, 2, 3].map((m) => fail(m)), lastSuccessAt: at(3.5) };
    expect(lockoutStatus(history, at(4))).toMatchObject({ locked: false, attemptsLeft: 5 });
    const more = { ...history, failures: [...history.failures, fail(4)] };
    expect(lockoutStatus(more, at(4))).toMatchObject({ locked: false, attemptsLeft: 4 });
  });

  it('locks until a manager unlocks when lockMinutes is null', () => {
    const policy = { ...DEFAULT_LOCKOUT_POLICY, lockMinutes: null };
    const history: LockoutHistory = { failures: [0, 1, 2, 3, 4].map((m) => fail(m)) };
    expect(lockoutStatus(history, at(60 * 24 * 30), policy)).toEqual({
      locked: true,
      lockedAt: at(4),
      lockedUntil: null,
    });
    expect(lockoutStatus({ ...history, unlockedAt: at(100) }, at(101), policy)).toMatchObject({
      locked: false,
      attemptsLeft: 5,
    });
  });

  it('an unlock also lifts a timed lock early', () => {
    const history = { failures: [0, 1, 2, 3, 4].map((m) => fail(m)), unlockedAt: at(10) };
    expect(lockoutStatus(history, at(11)).locked).toBe(false);
  });

  it('failures during a lock neither extend it nor count afterwards', () => {
    const history = { failures: [0, 1, 2, 3, 4, 10, 20, 30].map((m) => fail(m)) };
    expect(lockoutStatus(history, at(33)).locked).toBe(true);
    expect(lockoutStatus(history, at(34))).toMatchObject({ locked: false, attemptsLeft: 5 });
  });

  it('locks again after the lock when the next 5 failures come', () => {
    const history = { failures: [0, 1, 2, 3, 4, 40, 41, 42, 43, 44].map((m) => fail(m)) };
    expect(lockoutStatus(history, at(43))).toMatchObject({ locked: false, attemptsLeft: 1 });
    expect(lockoutStatus(history, at(44))).toEqual({ locked: true, lockedAt: at(44), lockedUntil: at(74) });
  });

  it('follows configured thresholds', () => {
    const policy = { maxFailures: 3, windowMinutes: 5, lockMinutes: 10, warnWhenAttemptsLeft: 1 };
    const history = { failures: [0, 1, 2].map((m) => fail(m)) };
    expect(lockoutStatus(history, at(2), policy)).toMatchObject({ locked: true, lockedUntil: at(12) });
    expect(lockoutStatus({ failures: [fail(0), fail(1)] }, at(1), policy)).toMatchObject({
      attemptsLeft: 1,
      warn: true,
    });
  });

  it('ignores failures from the future and junk timestamps', () => {
    const history = {
      failures: [fail(0), fail(1), { at: Number.NaN, kind: 'password' as const }, fail(100)],
    };
    expect(lockoutStatus(history, at(2))).toMatchObject({ locked: false, attemptsLeft: 3 });
  });
});
