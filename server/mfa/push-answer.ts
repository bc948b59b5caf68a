/**
 * An answer from the approver page to one push. *Approve* of a verified push
 * (number matching) needs the 3-digit code the sign-in screen shows: the
 * guess is reserved under the account's lockout before it is checked, and a
 * wrong code denies the push (`deny_reason = 'wrong_code'`) and stays a
 * failure. A push takes one guess: once denied, later codes meet
 * `already_answered` and are not counted. *Deny* and *This wasn't me* count
 * toward lockout too; *This wasn't me* then protects the account
 * (`push-report.ts`).
 */
import type { AppContext } from '../app-context';
import { findUserById } from '../auth/users';
import { portalError } from '../errors';
import { recordAudit } from './audit';
import { lockoutFor } from './factor-check';
import { protectAfterReport } from './push-report';
import { answerPush, pushStateAt, type StoredPush } from './push-store';
import { signalPushSettled } from './push-wait';

/** What the phone sent. */
export interface PushAnswer {
  answer: 'approve' | 'deny' | 'report';
  /** The code typed on the phone (verified push). */
  code?: string | undefined;
}

/** The device answering (bound to `userId`). */
export interface AnsweringDevice {
  id: string;
  userId: string;
}

const CODE_PATTERN = /^\d{3}$/;

/** Applies the phone's answer; answers the push's new state. */
export async function answerFromPhone(
  ctx: AppContext,
  push: StoredPush & { userId: string },
  device: AnsweringDevice,
  input: PushAnswer,
): Promise<{ state: string }> {
  // Another account's phone is refused before anything is reserved or checked.
  if (device.userId !== push.userId)
    throw portalError('forbidden', 'This request belongs to another account.');
  const user = await findUserById(ctx.db, push.userId);
  if (!user) throw portalError('not_found', 'No such request.');
  const event = { type: input.answer, byUserId: device.userId } as const;
  const limits = ctx.config.mfa.push;
  const now = ctx.clock.now();
  const audit = (type: 'mfa.push_approved' | 'mfa.push_denied', detail: Record<string, string> = {}) =>
    recordAudit(ctx.db, {
      at: now,
      actor: user.username,
      userId: user.id,
      type,
      detail: { device: device.id, address: push.address, ...detail },
    });

  if (input.answer === 'approve' && push.verificationCode !== null) {
    // Not a guess at the code (nothing typed, or not 3 digits): refused, not counted.
    if (typeof input.code !== 'string' || !CODE_PATTERN.test(input.code)) {
      // An answered or expired push says so first (answerPush throws its refusal).
      if (pushStateAt(push, now) !== 'pending') await answerPush(ctx.db, push, event, now, limits, device.id);
      throw portalError('invalid_request', 'Type the 3-digit code shown on the sign-in screen.', {
        field: 'code',
      });
    }
    const expected = push.verificationCode;
    const typed = input.code;
    const wrongCode = () =>
      portalError('invalid_code', 'That code does not match the sign-in screen, so the sign-in was denied.', {
        reason: 'wrong_code',
      });
    let settled: StoredPush;
    let deniedHere = false;
    try {
      settled = await lockoutFor(ctx).guard(
        user.username,
        'push',
        async () => {
          if (typed === expected) return answerPush(ctx.db, push, event, now, limits, device.id);
          const denied = await answerPush(
            ctx.db,
            push,
            { type: 'deny', byUserId: device.userId },
            now,
            limits,
            device.id,
            'wrong_code',
          );
          deniedHere = true;
          return denied;
        },
        (done) => (done.state === 'approved' ? null : wrongCode()),
      );
    } catch (error) {
      // This wrong code denied the push (its failure is counted by now; it may
      // have locked the account): audit and wake the waiter.
      if (deniedHere) {
        await audit('mfa.push_denied', { reason: 'wrong_code' });
        await signalPushSettled(ctx.signals, push.id);
      }
      throw error;
    }
    await audit('mfa.push_approved', { verified: 'code' });
    await signalPushSettled(ctx.signals, push.id);
    return { state: settled.state };
  }

  const done = await answerPush(ctx.db, push, event, now, limits, device.id);
  if (input.answer === 'approve') {
    await audit('mfa.push_approved');
  } else {
    if (input.answer === 'deny') await audit('mfa.push_denied');
    // A denied or reported push is a failed second factor: it counts toward lockout
    // (before the waiting client hears of it, so what it is told counts this one).
    await lockoutFor(ctx).recordFailure(user.username, 'push', portalError('invalid_code'));
    if (input.answer === 'report') {
      await protectAfterReport(ctx, {
        userId: user.id,
        username: user.username,
        pushId: push.id,
        deviceId: device.id,
        address: push.address,
      });
    }
  }
  // Wakes the client waiting for this answer, on whichever instance it waits.
  await signalPushSettled(ctx.signals, push.id);
  return { state: done.state };
}
