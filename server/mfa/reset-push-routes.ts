/**
 * *Send Me a Push* during a forgotten-password reset (the reset's second
 * factor, asked first and offered to every name): send, long-poll for the
 * answer, cancel. A push for a name without an account, or an account
 * without a phone, is waited for the same way and ends as `expired`. The reset flow
 * (`auth/reset-flow.ts`) owns the stages; this module owns pushes and the
 * wait, the same way as at sign-in (no per-waiter polling, see `push-wait.ts`).
 * Denials and "This wasn't me" on the phone count toward the lockout there.
 */
import { endpoints } from '../../common/api';
import type { AppContext, PortalPlugin } from '../app-context';
import type { ResetSubject } from '../auth/reset-second-factor';
import { portalError } from '../errors';
import { route } from '../route';
import { denialDetails, waitForAnswer } from './flow-routes';
import { answerPush, findPush, pushStateAt, type StoredPush } from './push-store';
import { signalPushSettled } from './push-wait';

/** The push of this reset, or 404 (unknown, another reset's, or another user's). */
async function pushOfReset(ctx: AppContext, token: string, id: string): Promise<{ push: StoredPush; subject: ResetSubject }> {
  const { subject, flowKey } = await ctx.passwords.reset.pushContext(token);
  const push = await findPush(ctx.db, id);
  // The flow key is the reset token's own: a push of another reset (or a sign-in) is not found.
  if (!push || push.flowId !== flowKey || push.userId !== (subject.user?.id ?? null)) throw portalError('not_found', 'No such push.');
  return { push, subject };
}

/** Routes `/auth/reset/push`, `/auth/reset/push/wait`, `/auth/reset/push/cancel`. */
export const resetPushRoutes: PortalPlugin = {
  name: 'reset-push',
  register(app, ctx) {
    route(app, endpoints.resetPush, async (request, _reply, input) => {
      const body = input.body();
      return ctx.passwords.reset.sendPush(body.resetToken, request.ip);
    });

    route(app, endpoints.resetPushWait, async (_request, reply, input) => {
      const body = input.body();
      const { push, subject } = await pushOfReset(ctx, body.resetToken, body.pushId);
      const answered = await waitForAnswer(ctx, push, reply);
      const state = answered?.state ?? pushStateAt(push, ctx.clock.now());
      const expiresAt = new Date(push.expiresAt).toISOString();
      if (state === 'approved') {
        return { state, expiresAt, next: await ctx.passwords.reset.acceptPush(body.resetToken, push.id) };
      }
      if (state === 'denied' || state === 'reported') {
        // The phone's answer counted toward the lockout: say why and how many attempts are left, like a wrong code.
        return { state, expiresAt, ...(await denialDetails(ctx, answered, subject.usernameKey)) };
      }
      return { state, expiresAt };
    });

    route(app, endpoints.resetPushCancel, async (_request, _reply, input) => {
      const body = input.body();
      const { push } = await pushOfReset(ctx, body.resetToken, body.pushId);
      const done = await answerPush(ctx.db, push, { type: 'cancel' }, ctx.clock.now(), ctx.config.mfa.push);
      await signalPushSettled(ctx.signals, push.id);
      return { state: done.state };
    });
  },
};
