/**
 * The one place that knows whether the engine holds FTPS credentials, and
 * why it waits when it does not. The pool, the run loop and the service ask
 * it or listen to it; none keeps a copy.
 */
import type { TransferCredentials } from './types';

/** Why the queue cannot run: nothing was handed over yet, the token expired, or the portal revoked it. */
export type CredentialWait = 'missing' | 'credentials_expired' | 'token_revoked';

/** What a change looks like to a listener: the credentials now held, and the wait reason (null when held). */
export interface CredentialChange {
  credentials: TransferCredentials | null;
  waiting: CredentialWait | null;
}

/** Read side, for those who only ask (the pool opening a connection, the run loop). */
export interface CredentialSource {
  current(): TransferCredentials | null;
  readonly waiting: CredentialWait | null;
  /** Listeners run in the order they subscribed; returns the unsubscribe function. */
  onChange(listener: (change: CredentialChange) => void): () => void;
}

/** What the run loop may also do: drop refused credentials, and hand over refreshed ones. */
export interface CredentialOwner extends CredentialSource {
  set(credentials: TransferCredentials | null): void;
  expire(reason: 'credentials_expired' | 'token_revoked'): boolean;
}

/** Holds the engine's credentials; every change is announced to the listeners. */
export class CredentialState implements CredentialOwner {
  private credentials: TransferCredentials | null = null;
  private reason: CredentialWait | null = 'missing';
  private readonly listeners = new Set<(change: CredentialChange) => void>();

  current(): TransferCredentials | null {
    return this.credentials;
  }

  get waiting(): CredentialWait | null {
    return this.reason;
  }

  /** True while credentials are held (false before the first hand-over and after an expiry). */
  get held(): boolean {
    return this.credentials !== null;
  }

  onChange(listener: (change: CredentialChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** New credentials (or none: the queue waits as `missing`). */
  set(credentials: TransferCredentials | null): void {
    this.credentials = credentials;
    this.reason = credentials ? null : 'missing';
    this.announce();
  }

  /**
   * The server refused the token: drop it and wait for `reason`. Returns
   * false (and changes nothing) when the queue already waits.
   */
  expire(reason: 'credentials_expired' | 'token_revoked'): boolean {
    if (this.reason) return false;
    this.credentials = null;
    this.reason = reason;
    this.announce();
    return true;
  }

  private announce(): void {
    const change = { credentials: this.credentials, waiting: this.reason };
    for (const listener of [...this.listeners]) listener(change);
  }
}
