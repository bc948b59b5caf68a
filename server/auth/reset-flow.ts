/**
 * Forgotten-password reset: username → a second factor (a passcode, a backup
 * code, or a push approved on the phone) → the account's 3 security
 * questions, answered exactly → a new password under the same policy →
 * signed in. Every wrong code or answer counts toward the lockout of that
 * username.
 *
 * Nothing before the second factor tells a real account from an unknown
 * name: every name gets the same answer to the username (a token and the
 * same choices), its codes are checked with the same work and counted toward
 * the same per-name lockout, and its push is sent (to nobody, for an unknown
 * name or an account without a phone) under the same limits, then expires
 * like an unanswered one. Only a verified second factor reveals the
 * questions; no question text, real or made up, leaves the portal before it.
 */
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { portalError } from '../errors';
import type { PasswordPolicy } from '../policy/password-policy';
import type { LockoutStore } from './lockout-store';
import type { PasswordFlow, PasswordFlowTokens } from './password-flow-tokens';
import type { PasswordService } from './password-service';
import {
  RESET_FACTOR_METHODS,
  type ResetFactorMethod,
  type ResetSecondFactor,
  type ResetSubject,
} from './reset-second-factor';
import { loadQuestions, verifySecurityAnswers } from './security-questions-store';
import type { SignInFlow } from './sign-in-flow';
import type { CompleteStep } from './sign-in-steps';
import { findUserById, findUserByUsername, type UserRecord } from './users';

/** Dependencies of {@link ResetFlow}. */
export interface ResetFlowDeps {
  db: Db;
  clock: Clock;
  config: ServerConfig;
  tokens: PasswordFlowTokens;
  lockout: LockoutStore;
  passwords: PasswordService;
  signIn: SignInFlow;
  /** How the second factor is checked (the MFA feature's verifier). */
  secondFactor: ResetSecondFactor;
}

/** The second-factor step: the same for every name. */
export interface ResetFactorStep {
  step: 'second_factor';
  methods: ResetFactorMethod[];
}

/** `POST /auth/reset/start` answer. */
export interface ResetStarted extends ResetFactorStep {
  resetToken: string;
}

/** After a verified second factor: the account's questions. */
export interface ResetQuestionsStep {
  step: 'questions';
  questions: string[];
}

/** The new-password step. */
export interface ResetNewPasswordStep {
  step: 'new_password';
  policy: PasswordPolicy;
}

/**
 * Stages of a reset token. New names for the factor-first order, so a token
 * an older portal issued (stages `answers`, then `second_factor`) is
 * refused as expired instead of taking answers before its second factor.
 */
const STAGE = {
  factor: 'factor',
  questions: 'questions',
  newPassword: 'new_password',
  /** The new password is being set (claimed by one request). */
  settingPassword: 'setting_password',
} as const;

/** No user has this id (ids are never empty): a lookup for an unknown name finds nothing, at the same cost. */
const NO_USER = '';

/** Runs resets. */
export class ResetFlow {
  constructor(private readonly deps: ResetFlowDeps) {}

  /** Starts a reset; every name, known or not, gets the same answer for the same work. */
  async start(username: string): Promise<ResetStarted> {
    await this.deps.lockout.assertNotLocked(username);
    const user = await findUserByUsername(this.deps.db, username);
    const active = user && user.status === 'active' ? user : null;
    const resetToken = await this.deps.tokens.create('reset', username, active?.id ?? null, STAGE.factor);
    return { resetToken, ...factorStep() };
  }

  /** Checks a passcode (authenticator or backup code); then shows the questions. */
  async secondFactor(resetToken: string, code: string): Promise<ResetQuestionsStep> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', [STAGE.factor]);
    await this.deps.lockout.assertNotLocked(flow.usernameKey);
    const subject = await this.subjectOf(flow);
    // Reserved before the code is checked, so parallel guesses cannot outrun the lockout.
    await this.deps.lockout.guard(
      flow.usernameKey,
      'mfa-code',
      () => this.deps.secondFactor.verifyPasscode(subject, code),
      (ok) => (ok ? null : portalError('invalid_credentials', 'That code is not valid.')),
    );
    return this.questionsFor(flow, subject);
  }

  /**
   * The reset waiting for its second factor, and the key its pushes carry
   * (derived from the token's digest, so a push of one reset never answers
   * another reset or a sign-in).
   */
  async pushContext(resetToken: string): Promise<{ subject: ResetSubject; flowKey: string }> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', [STAGE.factor]);
    await this.deps.lockout.assertNotLocked(flow.usernameKey);
    return { subject: await this.subjectOf(flow), flowKey: pushFlowKey(flow.tokenHash) };
  }

  /** *Send Me a Push* during a reset: for every name (without a phone, nobody sees it). */
  async sendPush(
    resetToken: string,
    address: string,
  ): Promise<{ push: { id: string; expiresAt: string; code?: string } }> {
    const { subject, flowKey } = await this.pushContext(resetToken);
    return { push: await this.deps.secondFactor.sendPush(subject, flowKey, address) };
  }

  /** After the phone approved push `pushId` of this reset: shows the questions. */
  async acceptPush(resetToken: string, pushId: string): Promise<ResetQuestionsStep> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', [STAGE.factor]);
    const subject = await this.subjectOf(flow);
    if (!(await this.deps.secondFactor.pushApproved(subject, pushFlowKey(flow.tokenHash), pushId))) {
      throw portalError('conflict', 'This push was not approved.', { reason: 'not_approved' });
    }
    return this.questionsFor(flow, subject);
  }

  /** Checks the 3 answers exactly; then asks for the new password. */
  async answer(resetToken: string, answers: string[]): Promise<ResetNewPasswordStep> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', [STAGE.questions]);
    const user = await this.userOf(flow.userId);
    // Reserved before the answers are checked, so parallel guesses cannot outrun the lockout.
    await this.deps.lockout.guard(
      flow.usernameKey,
      'security-answer',
      () => verifySecurityAnswers(this.deps.db, user.id, answers),
      (ok) =>
        ok
          ? null
          : portalError(
              'invalid_credentials',
              'One or more answers are not correct. Answers are case sensitive.',
            ),
    );
    if (!(await this.deps.tokens.advance(flow, STAGE.questions, STAGE.newPassword))) throw staleStep();
    return { step: 'new_password', policy: this.deps.passwords.policy };
  }

  /** Sets the new password (same policy as a change) and signs the user in. */
  async setPassword(resetToken: string, newPassword: string): Promise<CompleteStep> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', [STAGE.newPassword]);
    const user = await this.userOf(flow.userId);
    // Single use: the token is claimed before the change, so of two
    // simultaneous submissions exactly one changes the password. A refused
    // password (policy, history) hands the step back for another try.
    if (!(await this.deps.tokens.advance(flow, STAGE.newPassword, STAGE.settingPassword))) throw staleStep();
    try {
      await this.deps.passwords.change(user, newPassword, 'reset', user.username);
    } catch (error) {
      await this.deps.tokens.advance(flow, STAGE.settingPassword, STAGE.newPassword);
      throw error;
    }
    if (!(await this.deps.tokens.finish(flow))) throw staleStep();
    const fresh = await this.userOf(user.id);
    return this.deps.signIn.complete(fresh);
  }

  /**
   * After a verified second factor: the account's questions, and the token
   * moves on (once). An account without questions cannot reset here; saying
   * so now tells nothing the factor did not already prove.
   */
  private async questionsFor(flow: PasswordFlow, subject: ResetSubject): Promise<ResetQuestionsStep> {
    if (!subject.user) throw staleStep();
    const questions = await loadQuestions(this.deps.db, subject.user.id);
    if (!questions) {
      throw portalError(
        'forbidden',
        'This account has no security questions for a reset. Please contact support.',
        {
          reason: 'no_security_questions',
        },
      );
    }
    if (!(await this.deps.tokens.advance(flow, STAGE.factor, STAGE.questions))) throw staleStep();
    return { step: 'questions', questions };
  }

  /** Who the reset is for; the same lookup whether or not the name has an account. */
  private async subjectOf(flow: PasswordFlow): Promise<ResetSubject> {
    const user = await findUserById(this.deps.db, flow.userId ?? NO_USER);
    return { user: user && user.status === 'active' ? user : null, usernameKey: flow.usernameKey };
  }

  private async userOf(userId: string | null): Promise<UserRecord> {
    const user = userId ? await findUserById(this.deps.db, userId) : null;
    if (!user || user.status !== 'active') throw staleStep();
    return user;
  }
}

/** The answer that offers the second factor (a fresh copy per answer). */
function factorStep(): ResetFactorStep {
  return { step: 'second_factor', methods: [...RESET_FACTOR_METHODS] };
}

/** The flow id a reset's pushes carry. */
function pushFlowKey(tokenHash: string): string {
  return `reset:${tokenHash.slice(0, 40)}`;
}

function staleStep() {
  return portalError('session_expired', 'This step has expired. Please start again.');
}
