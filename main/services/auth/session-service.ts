/**
 * The client side of sign-in: a small state machine producing the contract's
 * `AuthState`. It owns the session token (in the vault, `stored-session.ts`),
 * watches the idle deadline, and is the single place that turns a portal
 * `session_expired` into "signed out, session expired" while keeping the username.
 *
 * Later steps (second factor, enrollment, password change) become further
 * `AuthState` variants through the sign-in flow it is built with
 * (`sign-in-steps.ts`, declared in `../core/sign-in-flow.ts`); a step the
 * flow does not know asks for a newer Portico.
 */
import type { AuthState, SignedOutReason, SignInRequest, UserSummary } from '../../../common/contract';
import type { Clock, EventHub } from '../../ports';
import { PortalError, isPortalError } from '../core/errors';
import type { PortalApi, PortalTarget, SignInOutcome } from '../portal/client';
import type { SignInComplete } from '../../../common/api';
import type { PortalIdentity } from '../portal/identity';
import { normalisePortalUrl } from '../portal/url';
import type { SettingsService } from '../storage/settings-service';
import type { Vault } from '../storage/vault';
import { isSignInStepName, readSignInStep, runSignInStep, type PendingSignIn, type SignInFlow } from './sign-in-steps';
import { forgetStoredSession, keepStoredSession, readStoredSession, type StoredSession } from './stored-session';

/** Grace after the idle deadline before asking the portal, so we never ask early. */
const EXPIRY_GRACE_MS = 1000;
/** When the portal cannot be reached for an expiry check, ask again after this. */
const RETRY_CHECK_MS = 60_000;

export interface SessionServiceDeps {
  portal: PortalApi;
  vault: Vault;
  settings: SettingsService;
  events: EventHub;
  clock: Clock;
  defaultPortalUrl: string;
  /**
   * The steps past the password, read when a sign-in needs them: their
   * handlers belong to services built after the session. Without it every
   * further step asks for a newer Portico.
   */
  signInFlow?: () => SignInFlow;
  /** Learns which portal answers at an address before its user's data is opened (keyed by its identity). */
  identity?: Pick<PortalIdentity, 'learn'>;
}

/** Signs the user in and out and keeps `AuthState` current. */
export class SessionService {
  private current: AuthState;
  private idleTimeoutMs = 0;
  private timer: { cancel(): void } | null = null;
  /**
   * Bumped whenever a session starts or ends (not when its deadline slides),
   * so a late answer about an old session is ignored.
   */
  private generation = 0;
  private disposed = false;
  private flow: PendingSignIn | null = null;

  constructor(private readonly deps: SessionServiceDeps) {
    this.current = this.signedOut('start');
  }

  /** The state the renderer and tray show. */
  state(): AuthState {
    return this.current;
  }

  /** The signed-in user's portal and username (for per-user settings), or null. */
  identity(): { portalUrl: string; username: string } | null {
    return this.current.status === 'signed-in' ? { portalUrl: this.current.portalUrl, username: this.current.user.username } : null;
  }

  /**
   * Resumes a session kept in the vault from a previous run. Uses a passive
   * check so starting the app does not keep an idle session alive.
   */
  async restore(): Promise<AuthState> {
    const stored = this.storedSession();
    if (!stored || this.current.status === 'signed-in') return this.current;
    const generation = this.generation;
    try {
      // Which portal answers there decides which queue and favorites open (never throws).
      await this.deps.identity?.learn(stored.portalUrl);
      const info = await this.deps.portal.getSession(stored, { passive: true });
      if (generation !== this.generation || this.disposed) return this.current;
      // The idle timeout is not in the session answer; derive it from the deadline.
      this.idleTimeoutMs = Math.max(0, this.toLocalTime(info.idleExpiresAt) - this.deps.clock.now());
      this.enter(stored.portalUrl, info.user, this.toLocalTime(info.idleExpiresAt), true);
    } catch (error) {
      if (generation !== this.generation || this.disposed) return this.current;
      if (isPortalError(error, 'session_expired')) {
        forgetStoredSession(this.deps.vault);
        this.setState(this.signedOut('session-expired'));
      } else if (isPortalError(error, 'connection_failed')) {
        this.setState(this.signedOut('connection-lost'));
      }
    }
    return this.current;
  }

  /** The sign-in waiting for a step, if any (step services post with its flow token). */
  pendingSignIn(): PendingSignIn | null {
    return this.flow;
  }

  /**
   * Signs in with a password. Wrong credentials, a locked account or an
   * unreachable portal throw a `PortalError` and leave the state unchanged.
   */
  async signIn(request: SignInRequest): Promise<AuthState> {
    const portalUrl = normalisePortalUrl(request.portalUrl);
    const extras = this.deps.signInFlow?.().extras(portalUrl, request.username) ?? {};
    const [outcome] = await Promise.all([
      this.deps.portal.signIn(portalUrl, request.username, request.password, extras),
      this.deps.identity?.learn(portalUrl),
    ]);
    return this.applyOutcome(portalUrl, request.username, outcome);
  }

  /**
   * Applies a step answer from any step route: a further step becomes its
   * handler's state; `complete` signs in. A flow the portal no longer knows
   * (`flow_expired`) ends in the sign-in form.
   */
  applyStepAnswer(body: unknown): AuthState {
    const flow = this.flow;
    if (!flow) throw new PortalError('not_signed_in', 'Please sign in first.');
    return this.applyOutcome(flow.portalUrl, flow.username, this.deps.portal.toOutcome(body), body);
  }

  /** After a `flow_expired` answer: back to the sign-in form. */
  abandonFlow(): AuthState {
    this.flow = null;
    this.setState(this.signedOut('session-expired'));
    return this.current;
  }

  private applyOutcome(portalUrl: string, username: string, outcome: SignInOutcome, raw: unknown = {}): AuthState {
    if (outcome.step !== 'complete') {
      const signInFlow = this.deps.signInFlow?.();
      const step = outcome.portalStep;
      const flowToken = outcome.body.flowToken;
      if (!signInFlow || !isSignInStepName(step) || typeof flowToken !== 'string' || flowToken.length > 512) {
        throw new PortalError('portal_error', 'This portal needs a newer version of Portico to finish signing in.', { step });
      }
      this.flow = { portalUrl, username, flowToken };
      this.setState(runSignInStep(signInFlow.steps, this.flow, readSignInStep(step, outcome.body)));
      return this.current;
    }
    this.flow = null;
    // Listeners get the raw answer: fields the session schema strips (remember-me) matter to them.
    const rawBody = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    this.deps.signInFlow?.().completed(portalUrl, outcome.user.username, rawBody);
    return this.finishSignIn(portalUrl, outcome);
  }

  private finishSignIn(portalUrl: string, outcome: SignInComplete): AuthState {
    // A new sign-in replaces any session we still hold (best effort revoke).
    const previous = this.storedSession();
    if (previous && previous.token !== outcome.session.token) void this.revoke(previous);
    keepStoredSession(this.deps.vault, { portalUrl, token: outcome.session.token });
    this.deps.settings.setPortalUrl(portalUrl);
    this.deps.settings.setLastUsername(outcome.user.username);
    this.idleTimeoutMs = outcome.session.idleTimeoutSeconds * 1000;
    this.enter(portalUrl, outcome.user, this.deps.clock.now() + this.idleTimeoutMs, true);
    return this.current;
  }

  /** A `complete` answer from outside a sign-in flow (a finished password reset). */
  completeWith(portalUrl: string, body: unknown): AuthState {
    const outcome = this.deps.portal.toOutcome(body);
    if (outcome.step !== 'complete') throw new PortalError('portal_error', 'The portal sent an answer Portico does not understand.');
    return this.applyOutcome(normalisePortalUrl(portalUrl), outcome.user.username, outcome, body);
  }

  /**
   * The portal already ended every session (a password change or a
   * finished forced change): back to the sign-in form with `reason`, without
   * a sign-out call.
   */
  endSession(reason: SignedOutReason): AuthState {
    this.flow = null;
    forgetStoredSession(this.deps.vault);
    this.setState(this.signedOut(reason));
    return this.current;
  }

  /** Signs out: tells the portal (best effort) and forgets the token. */
  async signOut(): Promise<AuthState> {
    this.flow = null;
    const stored = this.storedSession();
    forgetStoredSession(this.deps.vault);
    this.setState(this.signedOut('signed-out'));
    if (stored) await this.revoke(stored);
    return this.current;
  }

  /**
   * Runs an authenticated portal call. A `session_expired` answer signs the
   * user out (reason `session-expired`); success slides the idle deadline
   * the way the portal just did.
   */
  async authorized<T>(call: (target: PortalTarget) => Promise<T>): Promise<T> {
    const stored = this.storedSession();
    if (this.current.status !== 'signed-in' || !stored) throw new PortalError('not_signed_in', 'Please sign in first.');
    const generation = this.generation;
    try {
      const result = await call(stored);
      if (generation === this.generation && this.current.status === 'signed-in') {
        this.enter(this.current.portalUrl, this.current.user, this.deps.clock.now() + this.idleTimeoutMs, false);
      }
      return result;
    } catch (error) {
      if (isPortalError(error, 'session_expired') && generation === this.generation) this.expire();
      throw error;
    }
  }

  /** Stops timers; the session itself stays valid for the next run. */
  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private expire(): void {
    forgetStoredSession(this.deps.vault);
    this.setState(this.signedOut('session-expired'));
  }

  private enter(portalUrl: string, portalUser: UserSummary, idleDeadline: number, newSession: boolean): void {
    const user: UserSummary = { username: portalUser.username, displayName: portalUser.displayName, roles: [...portalUser.roles] };
    this.setState({ status: 'signed-in', portalUrl, user, idleExpiresAt: new Date(idleDeadline).toISOString() }, newSession);
    this.schedule(idleDeadline + EXPIRY_GRACE_MS - this.deps.clock.now());
  }

  private schedule(delayMs: number): void {
    this.timer?.cancel();
    if (this.disposed) return;
    const generation = this.generation;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      if (generation === this.generation) void this.checkIdle();
    }, Math.max(0, delayMs));
  }

  /** Asks the portal, without sliding the deadline, whether the session is still alive. */
  private async checkIdle(): Promise<void> {
    const stored = this.storedSession();
    if (!stored || this.current.status !== 'signed-in') return;
    const generation = this.generation;
    try {
      const info = await this.deps.portal.getSession(stored, { passive: true });
      if (generation !== this.generation || this.current.status !== 'signed-in') return;
      // Activity elsewhere (another window, the web session) kept it alive.
      this.enter(this.current.portalUrl, info.user, this.toLocalTime(info.idleExpiresAt), false);
    } catch (error) {
      if (generation !== this.generation) return;
      if (isPortalError(error, 'session_expired')) this.expire();
      else this.schedule(RETRY_CHECK_MS);
    }
  }

  private async revoke(stored: StoredSession): Promise<void> {
    try {
      await this.deps.portal.signOut(stored);
    } catch {
      // Best effort: the portal ends the session on its own at the idle deadline.
    }
  }

  private setState(next: AuthState, newEpoch = true): void {
    if (newEpoch) this.generation += 1;
    if (next.status === 'signed-out') {
      this.timer?.cancel();
      this.timer = null;
    }
    this.current = next;
    this.deps.events.emit('auth:changed', next);
  }

  private signedOut(reason: SignedOutReason): AuthState {
    return {
      status: 'signed-out',
      portalUrl: this.deps.settings.portalUrl() ?? this.deps.defaultPortalUrl,
      lastUsername: this.deps.settings.lastUsername(),
      reason,
    };
  }

  /** Converts a portal timestamp to local time using the `Date` header offset. */
  private toLocalTime(iso: string): number {
    return Date.parse(iso) - (this.deps.portal.clockOffsetMs() ?? 0);
  }

  private storedSession(): StoredSession | null {
    return readStoredSession(this.deps.vault);
  }
}
