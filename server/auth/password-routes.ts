/**
 * Password routes (docs/api.md, "Passwords, security questions, reset and
 * lockout"): the public policy and question list, the sign-in steps
 * `security_questions` and `change_password`, the account's password change
 * and questions, and the forgotten-password reset.
 */
import type { z } from 'zod';
import { endpoints, type answersInput } from '../../common/api';
import type { PortalPlugin } from '../app-context';
import { portalError } from '../errors';
import {
  DEFAULT_SECURITY_ANSWER_LIMITS,
  SECURITY_QUESTIONS,
  validateSecurityAnswers,
} from '../policy/security-questions';
import { route } from '../route';
import { recordAuditEvent } from './password-audit';
import { saveSecurityAnswers } from './security-questions-store';
import type { UserRecord } from './users';

/** Refuses answers that break a quality rule: `400` naming the field and the rule. */
function assertGoodAnswers(input: z.infer<z.ZodObject<typeof answersInput>>): void {
  const errors = validateSecurityAnswers(input);
  const first = errors[0];
  if (first) throw portalError('invalid_request', first.message, { field: first.field, reason: first.code });
}

/** Password policy, security questions, changes and resets (`ctx.passwords`). */
export const passwordRoutes: PortalPlugin = {
  name: 'passwords',
  register(app, ctx) {
    const { passwords, lockout, reset } = ctx.passwords;
    const argon2 = ctx.config.argon2;

    route(app, endpoints.passwordPolicy, async () => ({ policy: passwords.policy }));
    route(app, endpoints.passwordPolicyAlias, async () => ({ policy: passwords.policy }));
    route(app, endpoints.securityQuestions, async () => ({
      questions: SECURITY_QUESTIONS.map((q) => ({ id: q.id, text: q.text })),
      limits: { ...DEFAULT_SECURITY_ANSWER_LIMITS },
    }));

    // ── sign-in steps ──
    route(app, endpoints.stepSecurityQuestions, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      if (flow.step !== 'security_questions')
        throw portalError('conflict', 'This step is not expected now.');
      assertGoodAnswers(body);
      await saveSecurityAnswers(ctx.db, flow.user.id, body, argon2, ctx.clock.now());
      await recordAuditEvent(ctx.db, {
        at: ctx.clock.now(),
        actor: flow.user.username,
        userId: flow.user.id,
        type: 'security_questions_set',
      });
      return ctx.signIn.resume(body.flowToken);
    });

    route(app, endpoints.stepChangePassword, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      if (flow.step !== 'change_password') throw portalError('conflict', 'This step is not expected now.');
      const reason = passwords.mustChange(flow.user);
      // Logged off after a change: this attempt ends (once, even for simultaneous
      // submissions) and the user signs in with the new password.
      await ctx.signIn.endWith(flow.flowId, () =>
        passwords.change(flow.user, body.newPassword, reason === 'expired' ? 'expired' : 'activation', flow.user.username),
      );
      return { status: 'password_changed' };
    });

    // ── signed-in account ──
    const checkCurrentPassword = async (user: UserRecord, candidate: string): Promise<void> => {
      // Reserved before the check, like every guess (see LockoutStore.guard).
      await lockout.guard(user.username, 'password', () => ctx.hasher.verify(user.passwordHash, candidate), (ok) =>
        ok ? null : portalError('invalid_credentials', 'The current password is incorrect.', { field: 'currentPassword' }),
      );
    };

    route(app, endpoints.passwordStatus, async (request) => {
      const { user } = await ctx.requireSession(request);
      const expiry = passwords.expiry(user);
      return {
        changedAt: user.passwordChangedAt.toISOString(),
        expiresAt: expiry.expiresAt === null ? null : new Date(expiry.expiresAt).toISOString(),
        daysLeft: expiry.daysLeft,
        state: expiry.state,
        reminderDays: passwords.policy.reminderDays,
        notifyDays: passwords.policy.notifyDays,
      };
    });

    route(app, endpoints.changePassword, async (request, _reply, input) => {
      const { user } = await ctx.requireSession(request);
      const body = input.body();
      await checkCurrentPassword(user, body.currentPassword);
      await passwords.change(user, body.newPassword, 'change', user.username);
      return { status: 'password_changed' };
    });

    route(app, endpoints.accountSecurityQuestions, async (request) => {
      const { user } = await ctx.requireSession(request);
      const rows = await ctx.db.query<{ question_id: string | null; question_text: string }>(
        'SELECT question_id, question_text FROM security_answers WHERE user_id = $1 ORDER BY position',
        [user.id],
      );
      return { questions: rows.rows.map((r) => ({ id: r.question_id, text: r.question_text })) };
    });

    route(app, endpoints.updateSecurityQuestions, async (request, _reply, input) => {
      const { user } = await ctx.requireSession(request);
      const body = input.body();
      await checkCurrentPassword(user, body.password);
      assertGoodAnswers(body);
      await saveSecurityAnswers(ctx.db, user.id, body, argon2, ctx.clock.now());
      await recordAuditEvent(ctx.db, {
        at: ctx.clock.now(),
        actor: user.username,
        userId: user.id,
        type: 'security_questions_set',
      });
      return { status: 'saved' };
    });

    // ── forgotten password ──
    route(app, endpoints.resetStart, async (_request, _reply, input) => reset.start(input.body().username));
    route(app, endpoints.resetAnswers, async (_request, _reply, input) => {
      const body = input.body();
      return reset.answer(body.resetToken, body.answers);
    });
    route(app, endpoints.resetSecondFactor, async (_request, _reply, input) => {
      const body = input.body();
      return reset.secondFactor(body.resetToken, body.code);
    });
    route(app, endpoints.resetPassword, async (_request, _reply, input) => {
      const body = input.body();
      return reset.setPassword(body.resetToken, body.newPassword);
    });
  },
};
