/**
 * Client side of *Forgot your password?*: username → a second factor (a
 * passcode or backup code, or a push approved on the phone) → the security
 * questions → a new password → signed in. The reset token and the push id stay here
 * in main; the renderer sees only `ResetState` and push states.
 * Wrong answers and codes come back as typed errors (with `attemptsLeft` or
 * `locked`), and the same step stays on screen for another attempt.
 */
import type { AuthState, ResetPushStarted, ResetPushWaitResult, ResetState } from '../../../common/contract';
import { isPortalError, PortalError } from '../core/errors';
import { endpoints } from '../../../common/api';
import type { PortalApi } from '../portal/client';
import { normalisePortalUrl } from '../portal/url';
import type { SessionService } from './session-service';

interface ResetFlow {
  portalUrl: string;
  username: string;
  token: string;
}

export interface ResetServiceDeps {
  portal: PortalApi;
  session: SessionService;
}

/** One reset at a time. */
export class ResetService {
  private flow: ResetFlow | null = null;
  private current: ResetState = { stage: 'idle' };
  /** The push being waited for (second-factor stage only). */
  private pushId: string | null = null;

  constructor(private readonly deps: ResetServiceDeps) {}

  state(): ResetState {
    return this.current;
  }

  async start(request: { portalUrl: string; username: string }): Promise<ResetState> {
    const portalUrl = normalisePortalUrl(request.portalUrl);
    const username = request.username.trim();
    const started = await this.deps.portal.call({ portalUrl }, endpoints.resetStart, { body: { username } });
    this.flow = { portalUrl, username, token: started.resetToken };
    this.current = { stage: 'second-factor', username, methods: started.methods };
    return this.current;
  }

  /** An authenticator or backup code; a right one shows the questions. */
  async passcode(code: string): Promise<ResetState> {
    const flow = this.require('second-factor');
    const next = await this.guard(() =>
      this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.resetSecondFactor, { body: { resetToken: flow.token, code: code.trim() } }),
    );
    this.pushId = null;
    this.current = { stage: 'questions', username: flow.username, questions: next.questions };
    return this.current;
  }

  async answer(answers: string[]): Promise<ResetState> {
    const flow = this.require('questions');
    const next = await this.guard(() =>
      this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.resetAnswers, { body: { resetToken: flow.token, answers } }),
    );
    this.current = { stage: 'new-password', username: flow.username, policy: next.policy };
    return this.current;
  }

  /** *Send Me a Push*: the portal sends one to the account's phone. */
  async startPush(): Promise<ResetPushStarted> {
    const flow = this.require('second-factor');
    const body = await this.guard(() =>
      this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.resetPush, { body: { resetToken: flow.token } }),
    );
    this.pushId = body.push.id;
    return { expiresAt: body.push.expiresAt, ...(body.push.code === undefined ? {} : { code: body.push.code }) };
  }

  /** One long poll for the phone's answer; an approval moves the reset to the questions. */
  async waitPush(): Promise<ResetPushWaitResult> {
    const flow = this.require('second-factor');
    const pushId = this.pushId;
    if (!pushId) throw new PortalError('invalid_request', 'Send a push first.');
    const body = await this.guard(() =>
      this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.resetPushWait, { body: { resetToken: flow.token, pushId } }),
    );
    // A wait for an older push (cancelled meanwhile) must not forget a newer one.
    if (body.state !== 'pending' && this.pushId === pushId) this.pushId = null;
    if (body.state !== 'approved') {
      const left = body.attemptsLeft;
      return {
        state: body.state,
        expiresAt: body.expiresAt,
        ...(left === undefined ? {} : { attemptsLeft: left }),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      };
    }
    // The flow may have been cancelled while the poll was out.
    if (this.flow !== flow) throw new PortalError('invalid_request', 'Start the password reset again.');
    if (!body.next) throw new PortalError('portal_error', 'The portal sent an unexpected answer.');
    this.current = { stage: 'questions', username: flow.username, questions: body.next.questions };
    return { state: 'approved', reset: this.current };
  }

  /** Cancels the push being waited for (nothing to do when there is none). */
  async cancelPush(): Promise<void> {
    const pushId = this.pushId;
    const flow = this.flow;
    this.pushId = null;
    if (!pushId || !flow) return;
    try {
      await this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.resetPushCancel, { body: { resetToken: flow.token, pushId } });
    } catch {
      // Already answered or expired: nothing left to cancel.
    }
  }

  /** Sets the new password; the portal answers with a session: signed in. */
  async setPassword(newPassword: string): Promise<AuthState> {
    const flow = this.require('new-password');
    const body = await this.guard(() =>
      this.deps.portal.call({ portalUrl: flow.portalUrl }, endpoints.resetPassword, { body: { resetToken: flow.token, newPassword } }),
    );
    this.cancel();
    return this.deps.session.completeWith(flow.portalUrl, body);
  }

  cancel(): ResetState {
    this.flow = null;
    this.pushId = null;
    this.current = { stage: 'idle' };
    return this.current;
  }

  private require(stage: ResetState['stage']): ResetFlow {
    if (!this.flow || this.current.stage !== stage) {
      throw new PortalError('invalid_request', 'Start the password reset again.');
    }
    return this.flow;
  }

  /** An expired reset (or a lock) ends it; the renderer starts over from the username. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isPortalError(error, 'session_expired') || isPortalError(error, 'locked')) this.cancel();
      throw error;
    }
  }
}
