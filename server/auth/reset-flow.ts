/**
 * Forgotten-password reset: username → the account's 3 security questions
 * (decoys for unknown names, stable between attempts) → exact answers → a
 * second factor (a passcode, or a push approved on the phone) → a new password under the same policy → signed in. Every
 * wrong answer or code counts toward the lockout of that username.
 */
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { portalError } from '../errors';
import type { PasswordPolicy } from '../policy/password-policy';
import type { LockoutStore } from './lockout-store';
import type { PasswordFlowTokens } from './password-flow-tokens';
import type { PasswordHasher } from './passwords';
import type { PasswordService } from './password-service';
import type { ResetFactorMethod, ResetSecondFactor } from './reset-second-factor';
import {
  decoyQuestions,
  decoySecret,
  loadQuestions,
  verifyDecoyAnswers,
  verifySecurityAnswers,
} from './security-questions-store';
import type { SignInFlow } from './sign-in-flow';
import type { CompleteStep } from './sign-in-steps';
import { findUserById, findUserByUsername, type UserRecord } from './users';

/** Dependencies of {@link ResetFlow}. */
export interface ResetFlowDeps {
  db: Db;
  clock: Clock;
  config: ServerConfig;
  hasher: PasswordHasher;
  tokens: PasswordFlowTokens;
  lockout: LockoutStore;
  passwords: PasswordService;
  signIn: SignInFlow;
  /** How the second factor is checked (the MFA feature's verifier). */
  secondFactor: ResetSecondFactor;
}

/** `POST /auth/reset/start` answer. */
export interface ResetStarted {
  resetToken: string;
  questions: string[];
}

/** Runs resets. */
export class ResetFlow {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: ResetFlowDeps) {}

  /** Starts a reset; known and unknown names get the same shape of answer. */
  async start(username: string): Promise<ResetStarted> {
    await this.deps.lockout.assertNotLocked(username);
    const user = await findUserByUsername(this.deps.db, username);
    const real = user && user.status === 'active' ? await loadQuestions(this.deps.db, user.id) : null;
    const questions = real ?? decoyQuestions(await decoySecret(this.deps.db), username);
    const resetToken = await this.deps.tokens.create(
      'reset',
      username,
      real && user ? user.id : null,
      'answers',
    );
    return { resetToken, questions };
  }

  /** Checks the 3 answers exactly; then asks for the second factor. */
  async answer(
    resetToken: string,
    answers: string[],
  ): Promise<{ step: 'second_factor'; methods: ResetFactorMethod[] }> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', ['answers']);
    const user = flow.userId ? await findUserById(this.deps.db, flow.userId) : null;
    // Reserved before the answers are checked, so parallel guesses cannot outrun the lockout.
    await this.deps.lockout.guard(
      flow.usernameKey,
      'security-answer',
      async () =>
        user
          ? verifySecurityAnswers(this.deps.db, user.id, answers)
          : verifyDecoyAnswers(await this.dummy(), answers),
      (ok) =>
        ok && user
          ? null
          : portalError('invalid_credentials', 'One or more answers are not correct. Answers are case sensitive.'),
    );
    if (!user) throw staleStep();
    const methods = await this.deps.secondFactor.methods(user);
    if (methods.length === 0) {
      throw portalError(
        'forbidden',
        'This account has no second factor for a reset. Please contact support.',
      );
    }
    if (!(await this.deps.tokens.advance(flow, 'answers', 'second_factor'))) throw staleStep();
    return { step: 'second_factor', methods };
  }

  /** Checks a passcode (authenticator or backup code); then asks for the new password. */
  async secondFactor(
    resetToken: string,
    code: string,
  ): Promise<{ step: 'new_password'; policy: PasswordPolicy }> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', ['second_factor']);
    await this.deps.lockout.assertNotLocked(flow.usernameKey);
    const user = await this.userOf(flow.userId);
    await this.deps.lockout.guard(
      flow.usernameKey,
      'mfa-code',
      () => this.deps.secondFactor.verifyPasscode(user, code),
      (ok) => (ok ? null : portalError('invalid_credentials', 'That code is not valid.')),
    );
    if (!(await this.deps.tokens.advance(flow, 'second_factor', 'new_password'))) throw staleStep();
    return { step: 'new_password', policy: this.deps.passwords.policy };
  }

  /**
   * The reset waiting for its second factor, and the key its pushes carry
   * (derived from the token's digest, so a push of one reset never answers
   * another reset or a sign-in).
   */
  async pushContext(resetToken: string): Promise<{ user: UserRecord; flowKey: string }> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', ['second_factor']);
    await this.deps.lockout.assertNotLocked(flow.usernameKey);
    const user = await this.userOf(flow.userId);
    return { user, flowKey: pushFlowKey(flow.tokenHash) };
  }

  /** *Send Me a Push* during a reset (only for accounts with a bound phone). */
  async sendPush(resetToken: string, address: string): Promise<{ push: { id: string; expiresAt: string } }> {
    const { user, flowKey } = await this.pushContext(resetToken);
    const factor = this.deps.secondFactor;
    if (!(await factor.methods(user)).includes('push')) {
      throw portalError('conflict', 'No phone is set up for pushes. Enter a passcode instead.', { reason: 'no_push_device' });
    }
    return { push: await factor.sendPush(user, flowKey, address) };
  }

  /** After the phone approved push `pushId` of this reset: asks for the new password. */
  async acceptPush(resetToken: string, pushId: string): Promise<{ step: 'new_password'; policy: PasswordPolicy }> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', ['second_factor']);
    const user = await this.userOf(flow.userId);
    if (!(await this.deps.secondFactor.pushApproved(user, pushFlowKey(flow.tokenHash), pushId))) {
      throw portalError('conflict', 'This push was not approved.', { reason: 'not_approved' });
    }
    if (!(await this.deps.tokens.advance(flow, 'second_factor', 'new_password'))) throw staleStep();
    return { step: 'new_password', policy: this.deps.passwords.policy };
  }

  /** Sets the new password (same policy as a change) and signs the user in. */
  async setPassword(resetToken: string, newPassword: string): Promise<CompleteStep> {
    const flow = await this.deps.tokens.require(resetToken, 'reset', ['new_password']);
    const user = await this.userOf(flow.userId);
    // Single use: the token is claimed before the change, so of two
    // simultaneous submissions exactly one changes the password. A refused
    // password (policy, history) hands the step back for another try.
    if (!(await this.deps.tokens.advance(flow, 'new_password', SETTING_PASSWORD))) throw staleStep();
    try {
      await this.deps.passwords.change(user, newPassword, 'reset', user.username);
    } catch (error) {
      await this.deps.tokens.advance(flow, SETTING_PASSWORD, 'new_password');
      throw error;
    }
    if (!(await this.deps.tokens.finish(flow))) throw staleStep();
    const fresh = await this.userOf(user.id);
    return this.deps.signIn.complete(fresh);
  }

  private async userOf(userId: string | null): Promise<UserRecord> {
    const user = userId ? await findUserById(this.deps.db, userId) : null;
    if (!user || user.status !== 'active') throw staleStep();
    return user;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash('decoy answer that never matches');
    return this.dummyHash;
  }
}

/** The stage of a reset whose new password is being set (claimed by one request). */
const SETTING_PASSWORD = 'setting_password';

/** The flow id a reset's pushes carry. */
function pushFlowKey(tokenHash: string): string {
  return `reset:${tokenHash.slice(0, 40)}`;
}

function staleStep() {
  return portalError('session_expired', 'This step has expired. Please start again.');
}
