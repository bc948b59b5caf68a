/**
 * Passwords, client side: the policy for the live checklist, the
 * account's *Change password…* (then logged off everywhere), the sign-in
 * steps `security_questions` and `change_password`, the account's security
 * questions, and expiry reminders (days left; a desktop notification once a
 * day in the last days through the `Notifier` port).
 */
import type {
  AuthState,
  ChangePasswordRequest,
  PasswordPolicyInfo,
  PasswordStatus,
  SecurityAnswersRequest,
  SecurityQuestionOption,
  UpdateSecurityQuestionsRequest,
} from '../../../preload/contract';
import type { Clock, EventHub, Notifier, SettingsStore } from '../../ports';
import { isPortalError, PortalError } from '../core/errors';
import type { PortalClient } from '../portal/client';
import {
  changePasswordStepSchema,
  passwordStatusSchema,
  policyResponseSchema,
  questionsResponseSchema,
  securityQuestionsStepSchema,
  statusOkSchema,
  stepAnswerSchema,
} from './password-schemas';
import type { SessionService } from './session-service';

/** Settings key of the last day an expiry notification was shown, per portal user. */
const NOTIFIED_KEY = 'password.expiryNotifiedOn';

export interface PasswordServiceDeps {
  portal: PortalClient;
  session: SessionService;
  events: EventHub;
  notifier: Notifier;
  settings: SettingsStore;
  clock: Clock;
}

function invalidStep(): PortalError {
  return new PortalError('portal_error', 'The portal sent an answer Portico does not understand.');
}

/** Passwords and security questions for the signed-in user and during sign-in. */
export class PasswordService {
  private status: PasswordStatus | null = null;
  private disposed = false;

  constructor(private readonly deps: PasswordServiceDeps) {
    deps.session.registerStep('security_questions', (pending, body) => {
      const step = securityQuestionsStepSchema.safeParse(body);
      if (!step.success) throw invalidStep();
      return {
        status: 'security-questions',
        portalUrl: pending.portalUrl,
        username: pending.username,
        questions: step.data.questions,
        activation: step.data.activation ?? [],
      };
    });
    deps.session.registerStep('change_password', (pending, body) => {
      const step = changePasswordStepSchema.safeParse(body);
      if (!step.success) throw invalidStep();
      return {
        status: 'change-password',
        portalUrl: pending.portalUrl,
        username: pending.username,
        reason: step.data.reason,
        policy: step.data.policy,
        activation: step.data.activation ?? [],
      };
    });
    // After every sign-in (not every slide of the idle deadline, which also
    // emits auth:changed), look at the password's expiry.
    let signedInAs: string | null = null;
    deps.events.on('auth:changed', (state) => {
      if (state.status === 'signed-in') {
        const who = `${state.portalUrl}|${state.user.username}`;
        if (who === signedInAs) return;
        signedInAs = who;
        void this.refreshStatus().catch(() => undefined);
      } else {
        signedInAs = null;
        if (this.status !== null) {
          this.status = null;
          deps.events.emit('password:status', null);
        }
      }
    });
  }

  /** The portal's policy (public route), for the live checklist. */
  async policy(): Promise<PasswordPolicyInfo> {
    const portalUrl = this.deps.session.state().portalUrl;
    return (
      await this.deps.portal.call({ portalUrl }, 'GET', '/password-policy', undefined, policyResponseSchema)
    ).policy;
  }

  /** The portal's list of security questions (public route). */
  async questions(): Promise<SecurityQuestionOption[]> {
    const portalUrl = this.deps.session.state().portalUrl;
    return (
      await this.deps.portal.call(
        { portalUrl },
        'GET',
        '/security-questions',
        undefined,
        questionsResponseSchema,
      )
    ).questions;
  }

  /** The last known expiry (null when signed out). */
  currentStatus(): PasswordStatus | null {
    return this.status;
  }

  /** Asks the portal for the expiry, emits it, and notifies once a day near the end. */
  async refreshStatus(): Promise<PasswordStatus | null> {
    if (this.disposed || this.deps.session.state().status !== 'signed-in') return null;
    const status = await this.deps.session.authorized((target) =>
      this.deps.portal.call(target, 'GET', '/account/password-status', undefined, passwordStatusSchema),
    );
    this.status = status;
    this.deps.events.emit('password:status', status);
    this.maybeNotify(status);
    return status;
  }

  /**
   * Stops reacting. There is deliberately no periodic recheck: a timer would
   * slide an idle session. Every sign-in (daily at least, given the absolute
   * timeout) looks again, and the notification is shown once per day.
   */
  dispose(): void {
    this.disposed = true;
  }

  /** *Change password…*: on success every session ends and the user signs in again. */
  async change(request: ChangePasswordRequest): Promise<AuthState> {
    await this.deps.session.authorized((target) =>
      this.deps.portal.call(target, 'POST', '/account/password', { ...request }, statusOkSchema),
    );
    return this.deps.session.endSession('password-changed');
  }

  /** Sign-in step `change_password`: the new password, then logged off. */
  async setNewPassword(newPassword: string): Promise<AuthState> {
    const flow = this.pending('change-password');
    try {
      await this.deps.portal.call(
        { portalUrl: flow.portalUrl },
        'POST',
        '/auth/change-password',
        { flowToken: flow.flowToken, newPassword },
        statusOkSchema,
      );
    } catch (error) {
      throw this.stepFailed(error);
    }
    return this.deps.session.endSession('password-changed');
  }

  /** Sign-in step `security_questions`; answers the next step (e.g. the password change). */
  async setSecurityQuestions(request: SecurityAnswersRequest): Promise<AuthState> {
    const flow = this.pending('security-questions');
    let body: unknown;
    try {
      body = await this.deps.portal.call(
        { portalUrl: flow.portalUrl },
        'POST',
        '/auth/security-questions',
        { flowToken: flow.flowToken, ...request },
        stepAnswerSchema,
      );
    } catch (error) {
      throw this.stepFailed(error);
    }
    return this.deps.session.applyStepAnswer(body);
  }

  /** Changes the questions from the account page. */
  async updateSecurityQuestions(request: UpdateSecurityQuestionsRequest): Promise<void> {
    await this.deps.session.authorized((target) =>
      this.deps.portal.call(target, 'POST', '/account/security-questions', { ...request }, statusOkSchema),
    );
  }

  private pending(status: 'change-password' | 'security-questions') {
    const flow = this.deps.session.pendingSignIn();
    if (!flow || this.deps.session.state().status !== status) {
      throw new PortalError('not_signed_in', 'Please sign in first.');
    }
    return flow;
  }

  /** A step whose attempt expired goes back to the sign-in form, saying why. */
  private stepFailed(error: unknown): unknown {
    if (isPortalError(error, 'session_expired') || isPortalError(error, 'flow_expired'))
      this.deps.session.abandonFlow();
    return error;
  }

  private maybeNotify(status: PasswordStatus): void {
    if (status.state !== 'notify' || status.daysLeft === null) return;
    const state = this.deps.session.state();
    if (state.status !== 'signed-in') return;
    const day = new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    const key = `${state.portalUrl}|${state.user.username}`;
    const seen = this.deps.settings.get<Record<string, string>>(NOTIFIED_KEY) ?? {};
    if (seen[key] === day) return;
    this.deps.settings.set(NOTIFIED_KEY, { ...seen, [key]: day });
    const days = status.daysLeft === 1 ? '1 day' : `${status.daysLeft} days`;
    this.deps.notifier.notify(
      'Password expires soon',
      `Your portal password expires in ${days}. Use Change password… to choose a new one.`,
    );
  }
}
