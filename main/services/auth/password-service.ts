/**
 * Passwords, client side: the policy for the live checklist, the
 * account's *Change password…* (then logged off everywhere), the sign-in
 * steps `security_questions` and `change_password` (their states come from
 * `password-steps.ts`), the account's security
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
  ChosenSecurityQuestion,
  UpdateSecurityQuestionsRequest,
} from '../../../common/contract';
import type { Clock, EventHub, Notifier, SettingsStore } from '../../ports';
import { isPortalError, PortalError } from '../core/errors';
import type { PortalApi } from '../portal/client';
import { endpoints } from '../../../common/api';
import type { SessionService } from './session-service';

/** Settings key of the last day an expiry notification was shown, per portal user. */
const NOTIFIED_KEY = 'password.expiryNotifiedOn';

export interface PasswordServiceDeps {
  portal: PortalApi;
  session: SessionService;
  events: EventHub;
  notifier: Notifier;
  settings: SettingsStore;
  clock: Clock;
}

/** Passwords and security questions for the signed-in user and during sign-in. */
export class PasswordService {
  private status: PasswordStatus | null = null;
  private disposed = false;

  constructor(private readonly deps: PasswordServiceDeps) {
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
      await this.deps.portal.call({ portalUrl }, endpoints.passwordPolicy)
    ).policy;
  }

  /** The portal's list of security questions (public route). */
  async questions(): Promise<SecurityQuestionOption[]> {
    const portalUrl = this.deps.session.state().portalUrl;
    return (
      await this.deps.portal.call({ portalUrl }, endpoints.securityQuestions)
    ).questions;
  }

  /** The signed-in user's current questions, for the *Security questions…* dialog. */
  async currentQuestions(): Promise<ChosenSecurityQuestion[]> {
    return (
      await this.deps.session.authorized((target) => this.deps.portal.call(target, endpoints.accountSecurityQuestions))
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
      this.deps.portal.call(target, endpoints.passwordStatus),
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
      this.deps.portal.call(target, endpoints.changePassword, { body: { ...request } }),
    );
    return this.deps.session.endSession('password-changed');
  }

  /** Sign-in step `change_password`: the new password, then logged off. */
  async setNewPassword(newPassword: string): Promise<AuthState> {
    const flow = this.pending('change-password');
    try {
      await this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.stepChangePassword, {
        body: { flowToken: flow.flowToken, newPassword },
      });
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
      body = await this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.stepSecurityQuestions, {
        body: { flowToken: flow.flowToken, ...request },
      });
    } catch (error) {
      throw this.stepFailed(error);
    }
    return this.deps.session.applyStepAnswer(body);
  }

  /** Changes the questions from the account page. */
  async updateSecurityQuestions(request: UpdateSecurityQuestionsRequest): Promise<void> {
    await this.deps.session.authorized((target) =>
      this.deps.portal.call(target, endpoints.updateSecurityQuestions, { body: { ...request } }),
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
