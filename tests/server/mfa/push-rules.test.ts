import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PUSH_LIMITS,
  canIssuePush,
  effectivePushState,
  pushExpiresAt,
  transitionPush,
} from '../../../server/mfa/push-rules';
import type { PushEvent, PushRecord, PushState } from '../../../server/mfa/push-rules';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;
const push = (issuedAtSeconds: number, state: PushState = 'pending', userId = 'u1'): PushRecord => ({
  userId,
  state,
  issuedAt: s(issuedAtSeconds),
});

describe('canIssuePush', () => {
  it.each<[string, PushRecord[], number, ReturnType<typeof canIssuePush>]>([
    ['no history', [], 0, { ok: true }],
    ['2 pending', [push(0), push(10)], 20, { ok: true }],
    [
      '3 pending',
      [push(0), push(10), push(20)],
      30,
      { ok: false, reason: 'too_many_pending', retryAfterSeconds: 30 },
    ],
    ['3 pending, one just expired', [push(0), push(10), push(20)], 60, { ok: true }],
    ['3 issued, 1 answered', [push(0, 'denied'), push(10), push(20)], 30, { ok: true }],
    [
      '5 in 10 minutes',
      [
        push(0, 'denied'),
        push(100, 'expired'),
        push(200, 'cancelled'),
        push(300, 'approved'),
        push(400, 'reported'),
      ],
      500,
      { ok: false, reason: 'rate_limited', retryAfterSeconds: 100 },
    ],
    [
      '5 issued, the oldest just left the window',
      [
        push(0, 'denied'),
        push(100, 'expired'),
        push(200, 'denied'),
        push(300, 'denied'),
        push(400, 'denied'),
      ],
      600,
      { ok: true },
    ],
    [
      'rate limit wins when it lasts longer',
      [push(-300, 'denied'), push(-200, 'denied'), push(0), push(1), push(2)],
      3,
      { ok: false, reason: 'rate_limited', retryAfterSeconds: 297 },
    ],
    ['pushes from the future are ignored for the rate', [push(10_000, 'denied')], 0, { ok: true }],
  ])('%s', (_name, history, now, expected) => {
    expect(canIssuePush(history, s(now))).toEqual(expected);
  });

  it('follows configured limits', () => {
    const limits = { ...DEFAULT_PUSH_LIMITS, maxPending: 1, expirySeconds: 30 };
    expect(canIssuePush([push(0)], s(10), limits)).toEqual({
      ok: false,
      reason: 'too_many_pending',
      retryAfterSeconds: 20,
    });
  });

  it('never asks to retry in 0 seconds', () => {
    const r = canIssuePush([push(0), push(0), push(0)], s(59.9));
    expect(r).toEqual({ ok: false, reason: 'too_many_pending', retryAfterSeconds: 1 });
  });
});

describe('expiry', () => {
  it('expires after exactly 60 seconds', () => {
    const p = push(0);
    expect(pushExpiresAt(p)).toBe(s(60));
    expect(effectivePushState(p, s(59.999))).toBe('pending');
    expect(effectivePushState(p, s(60))).toBe('expired');
    expect(effectivePushState(push(0, 'approved'), s(1000))).toBe('approved');
  });
});

describe('transitionPush', () => {
  const approve: PushEvent = { type: 'approve', byUserId: 'u1' };
  const deny: PushEvent = { type: 'deny', byUserId: 'u1' };
  const report: PushEvent = { type: 'report', byUserId: 'u1' };

  it.each<[PushEvent, PushState]>([
    [approve, 'approved'],
    [deny, 'denied'],
    [report, 'reported'],
    [{ type: 'cancel' }, 'cancelled'],
  ])('pending + %o → %s', (event, next) => {
    const r = transitionPush(push(0), event, s(30));
    expect(r).toEqual({ ok: true, push: { ...push(0), state: next, settledAt: s(30) } });
  });

  it.each<[string, PushRecord, PushEvent, number, string]>([
    ['approve twice', push(0, 'approved'), approve, 10, 'already_answered'],
    ['deny after approve', push(0, 'approved'), deny, 10, 'already_answered'],
    ['approve after deny', push(0, 'denied'), approve, 10, 'already_answered'],
    ['approve after "wasn\'t me"', push(0, 'reported'), approve, 10, 'already_answered'],
    ['approve after expiry (not yet recorded)', push(0), approve, 60, 'expired'],
    ['approve after expiry (recorded)', push(0, 'expired'), approve, 61, 'expired'],
    ['report after expiry', push(0), report, 120, 'expired'],
    ['approve after cancel', push(0, 'cancelled'), approve, 10, 'cancelled'],
    ['cancel after approve', push(0, 'approved'), { type: 'cancel' }, 10, 'already_answered'],
    [
      'approve from another user\u2019s device',
      push(0),
      { type: 'approve', byUserId: 'u2' },
      10,
      'not_your_push',
    ],
    ['expire too early', push(0), { type: 'expire' }, 59, 'not_due'],
    ['expire after approve', push(0, 'approved'), { type: 'expire' }, 100, 'already_answered'],
  ])('%s → %s', (_name, p, event, now, reason) => {
    expect(transitionPush(p, event, s(now))).toEqual({ ok: false, reason });
  });

  it('records expiry once the deadline passed', () => {
    expect(transitionPush(push(0), { type: 'expire' }, s(60))).toEqual({
      ok: true,
      push: { ...push(0), state: 'expired', settledAt: s(60) },
    });
  });

  it('keeps the caller\u2019s extra fields', () => {
    const rich = { ...push(0), id: 'p-1', app: 'Portico', address: '203.0.113.9' };
    const r = transitionPush(rich, approve, s(5));
    expect(r.ok && r.push).toMatchObject({
      id: 'p-1',
      app: 'Portico',
      address: '203.0.113.9',
      state: 'approved',
    });
  });
});
