/**
 * How other services take part in sign-in: the portal answers a password
 * with the next required step, and the service that knows that step turns
 * it into an `AuthState` (see `SessionService.registerStep`).
 */
import type { AuthState } from '../../../preload/contract';

/** A sign-in waiting for a further step (second factor, activation, password change). */
export interface PendingSignIn {
  portalUrl: string;
  username: string;
  /** Bound to this attempt by the portal; never leaves main. */
  flowToken: string;
}

/**
 * Turns a portal sign-in step into the `AuthState` the renderer shows.
 * The second-factor service registers `enroll`, `mfa`, `backup_codes`; the
 * password service `security_questions`, `change_password`. Throw a `PortalError` to refuse.
 */
export type SignInStepHandler = (pending: PendingSignIn, body: Record<string, unknown>) => AuthState;

/** Extra fields sent with the password (second factor: install id and remember-me token). */
export type SignInExtras = (portalUrl: string, username: string) => Record<string, string>;

/** Told about every completed sign-in with the raw answer (the MFA service keeps the remember-me token). */
export type SignInCompleteListener = (portalUrl: string, username: string, body: Record<string, unknown>) => void;

/** What the services registered: a handler per step, the extra password fields, completion listeners. */
export class SignInSteps {
  private readonly handlers = new Map<string, SignInStepHandler>();
  private extrasProvider: SignInExtras = () => ({});
  private readonly completeListeners: SignInCompleteListener[] = [];

  register(step: string, handler: SignInStepHandler): void {
    this.handlers.set(step, handler);
  }

  handler(step: string): SignInStepHandler | undefined {
    return this.handlers.get(step);
  }

  setExtras(extras: SignInExtras): void {
    this.extrasProvider = extras;
  }

  extras(portalUrl: string, username: string): Record<string, string> {
    return this.extrasProvider(portalUrl, username);
  }

  onComplete(listener: SignInCompleteListener): void {
    this.completeListeners.push(listener);
  }

  completed(portalUrl: string, username: string, body: Record<string, unknown>): void {
    for (const listener of this.completeListeners) listener(portalUrl, username, body);
  }
}
