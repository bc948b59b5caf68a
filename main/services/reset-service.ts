/**
 * Issue 4, client side of *Forgot your password?*: username → the security
 * questions → a passcode (second factor) → a new password → signed in. The
 * reset token stays here in main; the renderer sees only `ResetState`.
 * Wrong answers and codes come back as typed errors (with `attemptsLeft` or
 * `locked`), and the same questions stay on screen for another attempt.
 */
import type { AuthState, ResetState } from '../../preload/contract';
import { isPortalError, PortalError } from './errors';
import type { PortalClient } from './portal-client';
import {
  resetFactorSchema,
  resetNewPasswordSchema,
  resetStartSchema,
  stepAnswerSchema,
} from './password-schemas';
import { normalisePortalUrl } from './portal-url';
import type { SessionService } from './session-service';

interface ResetFlow {
  portalUrl: string;
  username: string;
  token: string;
}

export interface ResetServiceDeps {
  portal: PortalClient;
  session: SessionService;
}

/** One reset at a time. */
export class ResetService {
  private flow: ResetFlow | null = null;
  private current: ResetState = { stage: 'idle' };

  constructor(private readonly deps: ResetServiceDeps) {}

  state(): ResetState {
    return this.current;
  }

  async start(request: { portalUrl: string; username: string }): Promise<ResetState> {
    const portalUrl = normalisePortalUrl(request.portalUrl);
    const username = request.username.trim();
    const started = await this.deps.portal.call(
      { portalUrl },
      'POST',
      '/auth/reset/start',
      { username },
      resetStartSchema,
    );
    this.flow = { portalUrl, username, token: started.resetToken };
    this.current = { stage: 'questions', username, questions: started.questions };
    return this.current;
  }

  async answer(answers: string[]): Promise<ResetState> {
    const flow = this.require('questions');
    const next = await this.guard(() =>
      this.deps.portal.call(
        { portalUrl: flow.portalUrl },
        'POST',
        '/auth/reset/answers',
        { resetToken: flow.token, answers },
        resetFactorSchema,
      ),
    );
    this.current = { stage: 'second-factor', username: flow.username, methods: next.methods };
    return this.current;
  }

  async passcode(code: string): Promise<ResetState> {
    const flow = this.require('second-factor');
    const next = await this.guard(() =>
      this.deps.portal.call(
        { portalUrl: flow.portalUrl },
        'POST',
        '/auth/reset/second-factor',
        { resetToken: flow.token, code: code.trim() },
        resetNewPasswordSchema,
      ),
    );
    this.current = { stage: 'new-password', username: flow.username, policy: next.policy };
    return this.current;
  }

  /** Sets the new password; the portal answers with a session: signed in. */
  async setPassword(newPassword: string): Promise<AuthState> {
    const flow = this.require('new-password');
    const body = await this.guard(() =>
      this.deps.portal.call(
        { portalUrl: flow.portalUrl },
        'POST',
        '/auth/reset/password',
        { resetToken: flow.token, newPassword },
        stepAnswerSchema,
      ),
    );
    this.cancel();
    return this.deps.session.completeWith(flow.portalUrl, body);
  }

  cancel(): ResetState {
    this.flow = null;
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
