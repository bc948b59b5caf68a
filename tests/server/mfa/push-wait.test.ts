import { describe, expect, it } from 'vitest';
import { findPush, type StoredPush } from '../../../server/mfa/push-store';
import { PushWaiters, PUSH_TOPIC, pushWaitersFor } from '../../../server/mfa/push-wait';
import { backends } from '../helpers';
import { enrolledUser, passwordStep, useMfaPortal } from './mfa-helpers';

const HOUR_MS = 3_600_000;

/** Resolves once `check()` is true (polled; generous limit for a loaded machine). */
async function eventually(check: () => boolean, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(backends)(
  'waiting for a push without polling ($name)',
  (backend) => {
    const portal = useMfaPortal(backend, { mfa: { longPollSeconds: 25 } });

    /** A signed-in-by-password user with a bound phone and one pending push. */
    const pendingPush = async () => {
      const { user, password, device } = await enrolledUser(portal, 'wait-user');
      const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
      const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;
      const step = await passwordStep(portal, user.username, password);
      const flowToken = step.body.flowToken as string;
      const issued = await portal.post('/api/v1/auth/mfa/push', { flowToken });
      expect(issued.status).toBe(200);
      const push = (await findPush(portal.ctx.db, issued.body.push.id))!;
      return { user, cookie, flowToken, push };
    };

    it('wakes the waiter from the approval signal alone (no safety poll in this test)', async () => {
      const waiters = new PushWaiters(portal.ctx, HOUR_MS);
      try {
        const { cookie, push } = await pendingPush();
        const answer = waiters.wait(push, HOUR_MS);
        await eventually(() => waiters.size === 1);
        const approved = await portal.post(
          `/approver/api/pushes/${push.id}`,
          { answer: 'approve', code: push.verificationCode },
          { cookie },
        );
        expect(approved.status).toBe(200);
        expect((await answer)?.state).toBe('approved');
        expect(waiters.size).toBe(0);
      } finally {
        waiters.close();
      }
    });

    it('several waiters on one push all hear a denial; an already settled push answers at once', async () => {
      const waiters = new PushWaiters(portal.ctx, HOUR_MS);
      try {
        const { cookie, push } = await pendingPush();
        const answers = [waiters.wait(push, HOUR_MS), waiters.wait(push, HOUR_MS)];
        await eventually(() => waiters.size === 2);
        await portal.post(`/approver/api/pushes/${push.id}`, { answer: 'deny' }, { cookie });
        expect((await Promise.all(answers)).map((p) => p?.state)).toEqual(['denied', 'denied']);
        const settled = (await findPush(portal.ctx.db, push.id))!;
        expect((await waiters.wait(settled, HOUR_MS))?.state).toBe('denied');
      } finally {
        waiters.close();
      }
    });

    it('the safety poll catches an answer whose signal was lost', async () => {
      const waiters = new PushWaiters(portal.ctx, 50);
      try {
        const { push } = await pendingPush();
        const answer = waiters.wait(push, HOUR_MS);
        await eventually(() => waiters.size === 1);
        // Written behind the signals' back, as if the notification had been lost.
        await portal.ctx.db.query(
          `UPDATE push_requests SET state = 'approved', settled_at = $2 WHERE id = $1`,
          [push.id, portal.clock.now()],
        );
        expect((await answer)?.state).toBe('approved');
      } finally {
        waiters.close();
      }
    });

    it('notices expiry, writes it down and signals it to the other waiters', async () => {
      const noticing = new PushWaiters(portal.ctx, 50);
      const other = new PushWaiters(portal.ctx, HOUR_MS);
      // Subscribed before the trigger; the expiry's signal travels on its own
      // (on PostgreSQL through LISTEN/NOTIFY, after the waiters have answered),
      // so the test waits for that signal rather than reading a list at once.
      let heard: (id: string) => void = () => undefined;
      const heardIds: string[] = [];
      const off = portal.ctx.signals.subscribe(PUSH_TOPIC, (id) => {
        heardIds.push(id);
        heard(id);
      });
      try {
        const { push } = await pendingPush();
        const signalled = new Promise<void>((resolve) => {
          heard = (id) => id === push.id && resolve();
          if (heardIds.includes(push.id)) resolve();
        });
        const onOther = other.wait(push, HOUR_MS);
        await eventually(() => other.size === 1);
        const answer = noticing.wait(push, HOUR_MS);
        portal.clock.advanceSeconds(portal.server.config.mfa.push.expirySeconds);
        expect((await answer)?.state).toBe('expired');
        expect((await onOther)?.state).toBe('expired');
        // The signal is sent once the expiry is written: after it, the row says so.
        await signalled;
        expect((await findPush(portal.ctx.db, push.id))?.state).toBe('expired');
      } finally {
        off();
        noticing.close();
        other.close();
      }
    });

    it('ends the wait on timeout, abort and close, answering null and leaving no waiter behind', async () => {
      const waiters = new PushWaiters(portal.ctx, HOUR_MS);
      const { push } = await pendingPush();
      expect(await waiters.wait(push, 50)).toBeNull();
      const abort = new AbortController();
      const aborted = waiters.wait(push, HOUR_MS, abort.signal);
      abort.abort();
      expect(await aborted).toBeNull();
      const closing = waiters.wait(push, HOUR_MS);
      waiters.close();
      expect(await closing).toBeNull();
      expect(waiters.size).toBe(0);
      const stillPending: StoredPush | null = await findPush(portal.ctx.db, push.id);
      expect(stillPending?.state).toBe('pending');
    });

    it('frees the waiter when the client disconnects from the long poll', async () => {
      const { flowToken, push } = await pendingPush();
      const shared = pushWaitersFor(portal.ctx);
      const before = shared.size;
      const abort = new AbortController();
      const request = fetch(new URL('/api/v1/auth/mfa/push/wait', portal.server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flowToken, pushId: push.id }),
        signal: abort.signal,
      }).catch((error: unknown) => error);
      await eventually(() => shared.size === before + 1);
      abort.abort();
      await request;
      await eventually(() => shared.size === before);
    });

    it('answers the long poll with the approval and completes the sign-in', async () => {
      const { cookie, flowToken, push } = await pendingPush();
      const shared = pushWaitersFor(portal.ctx);
      const before = shared.size;
      const waiting = portal.post('/api/v1/auth/mfa/push/wait', { flowToken, pushId: push.id });
      await eventually(() => shared.size === before + 1);
      await portal.post(
        `/approver/api/pushes/${push.id}`,
        { answer: 'approve', code: push.verificationCode },
        { cookie },
      );
      const answer = await waiting;
      expect(answer.body.state).toBe('approved');
      expect(answer.body.next.step).toBe('complete');
    });
  },
  120_000,
);
