/**
 * Sign-in flow routes of the second factor (all `POST`, all carrying the
 * `flowToken` the sign-in answered): enrollment during activation, the
 * "When I log in" preference, backup codes, passcodes and pushes. Each
 * checks that the flow is waiting for its step, so nothing can be skipped.
 */
import type { FastifyReply } from 'fastify';
import { endpoints, passcodeInput } from '../../common/api';
import type { AppContext, PortalPlugin } from '../app-context';
import { forgetDevice, INSTALL_ID_PATTERN, rememberDevice } from '../auth/remember-me';
import type { LoadedFlow } from '../auth/sign-in-flow';
import type { SignInStep } from '../auth/sign-in-steps';
import { portalError } from '../errors';
import { route } from '../route';
import { recordAudit } from './audit';
import { setPreference } from './account-state';
import { formatBackupCodesFile } from './backup-codes';
import { hasBackupCodes, replaceBackupCodes } from './backup-store';
import { enrollmentView, finishEnrollment, startEnrollmentFor, enrollmentStatus } from './enrollment';
import { checkPasscode, lockoutFor } from './factor-check';
import { answerPush, findPush, hasPushDevice, issuePush, pushStateAt, pushView, type StoredPush } from './push-store';
import { assertPushNotMuted } from './push-report';
import { closePushWaiters, pushWaitersFor, signalPushSettled } from './push-wait';
import { enrolledInFlow, recoveryPhoneOf, setRecoveryPhone } from './recovery';

/** Too long or empty → 400 naming `code`; content is judged by the verifier. */
export const passcodeSchema = passcodeInput;

/** Loads the flow and insists it is waiting for `step`. */
async function flowAt(ctx: AppContext, token: string, step: string): Promise<LoadedFlow> {
  const flow = await ctx.signIn.load(token);
  if (flow.step !== step) throw portalError('conflict', 'This sign-in is not at that step.', { reason: 'wrong_step', step: flow.step });
  return flow;
}

/**
 * Continues the flow after a passed factor; a completed sign-in, when asked
 * and possible, remembers this install.
 */
async function finish(ctx: AppContext, flow: LoadedFlow, token: string, remember: boolean): Promise<SignInStep> {
  // Completing resets the lockout count (SignInFlow.complete does it).
  const step = await ctx.signIn.resume(token);
  if (step.step !== 'complete') return step;
  if (remember && flow.installId && INSTALL_ID_PATTERN.test(flow.installId)) {
    const remembered = await rememberDevice(ctx.db, {
      userId: flow.user.id,
      installId: flow.installId,
      now: ctx.clock.now(),
      seconds: ctx.config.mfa.rememberSeconds,
    });
    return { ...step, rememberDevice: { token: remembered.token, expiresAt: remembered.expiresAt.toISOString() } };
  }
  return step;
}

/**
 * Long poll: waits (wall-clock, up to `longPollSeconds`, not the server's clock)
 * for the push to be settled; a client that disconnects frees its waiter.
 * Null when the poll ends with the push still pending.
 */
export async function waitForAnswer(ctx: AppContext, push: StoredPush, reply: FastifyReply): Promise<StoredPush | null> {
  const gone = new AbortController();
  const onClose = (): void => gone.abort();
  // The response closing before we answered means the client went away.
  reply.raw.once('close', onClose);
  if (reply.raw.destroyed || reply.raw.socket?.destroyed) gone.abort();
  try {
    // Up to 20% shorter at random: many polls opened together do not all come back in one burst.
    const longest = ctx.config.mfa.longPollSeconds * 1000;
    return await pushWaitersFor(ctx).wait(push, longest - Math.floor(Math.random() * longest * 0.2), gone.signal);
  } finally {
    reply.raw.off('close', onClose);
  }
}

/** Flow routes of the second factor. */
export const mfaFlowRoutes: PortalPlugin = {
  name: 'mfa-flow',
  register(app, ctx) {
    app.addHook('onClose', async () => closePushWaiters(ctx));
    route(app, endpoints.flowEnrollStart, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'enroll');
      const started = await startEnrollmentFor(ctx, flow.user, body.device, flow.flowId);
      return { enrollment: started };
    });

    route(app, endpoints.flowEnrollSecret, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      return { enrollment: await enrollmentView(ctx, flow.user, body.enrollmentId) };
    });

    route(app, endpoints.flowEnrollStatus, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      return enrollmentStatus(ctx, flow.user.id, body.enrollmentId);
    });

    route(app, endpoints.flowEnrollConfirm, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'enroll');
      const device = await finishEnrollment(ctx, flow.user, body.enrollmentId, body.code, 'activation');
      // The code proved the device. A phone that can take pushes is proved
      // again the way the activation guide says: *Continue to login*, then
      // the first *Send Me a Push* (step `mfa`), so the user sees it works.
      if (!device.canPush) await ctx.signIn.markFactorVerified(flow.flowId);
      return { device, next: await ctx.signIn.resume(body.flowToken) };
    });

    route(app, endpoints.flowPreference, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      // Also right after enrolling, before the first push: the guide sets
      // *When I Log In* on *My Settings & Devices*, before *Continue to login*.
      if (!flow.factorVerified && !(await enrolledInFlow(ctx.db, flow.flowId))) throw portalError('conflict', 'Finish the second factor first.', { reason: 'wrong_step', step: flow.step });
      await setPreference(ctx.db, flow.user.id, body.preference);
      return { preference: body.preference };
    });

    route(app, endpoints.flowBackupCodes, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'backup_codes');
      return issueBackupCodes(ctx, flow.user.id, flow.user.username, 'activation');
    });

    route(app, endpoints.flowBackupCodesSaved, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'backup_codes');
      if (!(await hasBackupCodes(ctx.db, flow.user.id))) {
        throw portalError('conflict', 'Get your backup codes first.', { reason: 'no_codes' });
      }
      if ((await recoveryPhoneOf(ctx.db, flow.user.id)) === null) {
        throw portalError('conflict', 'Add a recovery phone first.', { reason: 'no_recovery_phone' });
      }
      await ctx.db.query('UPDATE users SET backup_codes_saved_at = $2 WHERE id = $1', [flow.user.id, ctx.clock.now()]);
      return ctx.signIn.resume(body.flowToken);
    });

    route(app, endpoints.flowRecoveryPhone, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'backup_codes');
      await setRecoveryPhone(ctx.db, flow.user.id, body.phoneNumber.trim());
      await recordAudit(ctx.db, { at: ctx.clock.now(), actor: flow.user.username, userId: flow.user.id, type: 'mfa.recovery_phone_added', detail: { via: 'activation' } });
      return { recoveryPhone: body.phoneNumber.trim() };
    });

    route(app, endpoints.flowPasscode, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'mfa');
      const passed = await checkPasscode(ctx, flow.user, body.code, 'sign-in');
      await ctx.signIn.markFactorVerified(flow.flowId);
      const next = await finish(ctx, flow, body.flowToken, body.remember ?? false);
      return passed.backupCodesLeft === undefined ? next : { ...next, backupCodesLeft: passed.backupCodesLeft };
    });

    route(app, endpoints.flowPush, async (request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'mfa');
      await lockoutFor(ctx).assertNotLocked(flow.user.username);
      if (!(await hasPushDevice(ctx.db, flow.user.id))) {
        throw portalError('conflict', 'No phone is set up for pushes. Enter a passcode instead.', { reason: 'no_push_device' });
      }
      // After "This wasn't me", passcodes only for a while.
      await assertPushNotMuted(ctx.db, flow.user.id, ctx.clock.now());
      const push = await issuePush(ctx.db, {
        userId: flow.user.id,
        flowId: flow.flowId,
        app: 'Portico desktop sign-in',
        address: request.ip,
        now: ctx.clock.now(),
        limits: ctx.config.mfa.push,
        verify: ctx.config.mfa.push.verification === 'always',
      });
      return { push: pushView(push) };
    });

    route(app, endpoints.flowPushWait, async (_request, reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      const push = await findPush(ctx.db, body.pushId);
      if (!push || push.flowId !== flow.flowId) throw portalError('not_found', 'No such push.');
      const answered = await waitForAnswer(ctx, push, reply);
      const state = answered?.state ?? pushStateAt(push, ctx.clock.now());
      const expiresAt = new Date(push.expiresAt).toISOString();
      if (state === 'approved') {
        await ctx.signIn.markFactorVerified(flow.flowId);
        return { state, expiresAt, next: await finish(ctx, flow, body.flowToken, body.remember ?? false) };
      }
      return { state, expiresAt, ...(await denialDetails(ctx, answered, flow.user.username)) };
    });

    route(app, endpoints.flowPushCancel, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      const push = await findPush(ctx.db, body.pushId);
      if (!push || push.flowId !== flow.flowId) throw portalError('not_found', 'No such push.');
      const done = await answerPush(ctx.db, push, { type: 'cancel' }, ctx.clock.now(), ctx.config.mfa.push);
      await signalPushSettled(ctx.signals, push.id);
      return { state: done.state };
    });

    route(app, endpoints.forgetRemembered, async (_request, reply, input) => {
      const body = input.body();
      await forgetDevice(ctx.db, body.rememberToken, ctx.clock.now());
      return reply.code(204).send();
    });
  },
};

/**
 * After a denial, a wrong code or "This wasn't me" (each counted toward the
 * lockout): why (`wrong_code`), and the attempts left when few remain.
 */
export async function denialDetails(
  ctx: AppContext,
  answered: StoredPush | null,
  username: string,
): Promise<{ reason?: 'wrong_code'; attemptsLeft?: number }> {
  if (!answered || (answered.state !== 'denied' && answered.state !== 'reported')) return {};
  const details: { reason?: 'wrong_code'; attemptsLeft?: number } = answered.denyReason === 'wrong_code' ? { reason: 'wrong_code' } : {};
  const status = await lockoutFor(ctx).status(username);
  if (!status.locked && status.warn) details.attemptsLeft = status.attemptsLeft;
  return details;
}

/** Replaces the user's backup codes and answers them with the downloadable file. */
export async function issueBackupCodes(ctx: AppContext, userId: string, username: string, via: string) {
  const now = ctx.clock.now();
  const codes = await replaceBackupCodes(ctx.db, userId, now);
  await recordAudit(ctx.db, { at: now, actor: username, userId, type: 'mfa.backup_codes_generated', detail: { via } });
  return {
    codes,
    fileName: 'backup-codes.txt',
    fileText: formatBackupCodesFile({ portalName: ctx.config.branding.name, username, codes, createdAt: now.getTime() }),
  };
}
