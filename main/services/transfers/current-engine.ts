/**
 * The signed-in user's transfer engine, following the session: opened at
 * sign-in (queue in `<userData>/transfers/<user key>/`, the key made from
 * the portal's identity and the username), handed fresh FTPS
 * credentials from the portal while the session lives, kept waiting through
 * an expiry, closed at an explicit sign-out.
 *
 * Session rules: when the session expires the queue waits (reason
 * `session_expired`) and carries on after the user signs in again — nothing
 * restarts from zero. An explicit sign-out stops the engine; its queue stays
 * on disk for that user's next sign-in. The portal revokes the user's
 * transfer tokens on sign-out.
 */
import type { PortalApi } from '../portal/client';
import path from 'node:path';
import type { AuthState, TransfersQueueState } from '../../../common/contract';
import type { EventHub, Notifier } from '../../ports';
import type { SessionService } from '../auth/session-service';
import { requestTransferCredentials } from './credentials';
import { TransferEngine, type TransferCredentials, type TransferEngineOptions } from './engine';
import { engineEventForwarder } from './event-forwarder';
import { adoptQueue, queueKey } from './queue-key';
import { UploadStaging } from './staging';
import type { UserEngine } from './user-engine';
import { toQueueState } from './views';

export interface CurrentEngineDeps {
  session: SessionService;
  events: EventHub;
  notifier: Notifier;
  userData: string;
  /** The portal API client (transfer credentials come through it). */
  portal: PortalApi;
  /** What the portal at an address files its data under (its identity); default: the address. */
  portalKey?: (portalUrl: string) => Promise<string>;
  /** Engine tuning (tests use short retries). */
  engineOptions?: Partial<Omit<TransferEngineOptions, 'dataDir' | 'refreshCredentials'>>;
  /** Called as an engine starts closing (drag-out tickets of that user go). */
  onClose(): void;
}

/** Owns the current user's engine and switches it as the session changes. */
export class CurrentEngine {
  private current: UserEngine | null = null;
  private sessionExpired = false;
  private readonly stopAuth: () => void;
  private switching: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CurrentEngineDeps) {
    this.stopAuth = deps.events.on('auth:changed', (state) => this.onAuth(state));
    this.onAuth(deps.session.state());
  }

  /** The current user's engine, or null while nobody is signed in. */
  get(): UserEngine | null {
    return this.current;
  }

  /** Resolves once pending sign-in/sign-out work is done. */
  settled(): Promise<void> {
    return this.switching;
  }

  queueState(user: UserEngine): TransfersQueueState {
    return toQueueState(user.engine.queueState(), this.sessionExpired);
  }

  /** Asks the portal for credentials if the engine has none yet (a failure is thrown). */
  async ensureCredentials(user: UserEngine): Promise<void> {
    if (user.engine.hasCredentials) return;
    const creds = await this.deps.session.authorized((target) => requestTransferCredentials(this.deps.portal, target));
    this.giveCredentials(user, creds);
  }

  /** Stops following the session and closes the engine (the queue stays on disk). */
  async dispose(): Promise<void> {
    this.stopAuth();
    await this.switching;
    await this.closeEngine();
  }

  private onAuth(state: AuthState): void {
    this.switching = this.switching.then(() => this.applyAuth(state)).catch(() => undefined);
  }

  private async applyAuth(state: AuthState): Promise<void> {
    if (state.status === 'signed-in') {
      const portalKey = (await this.deps.portalKey?.(state.portalUrl)) ?? state.portalUrl;
      const key = queueKey(portalKey, state.user.username);
      if (this.current?.key !== key) {
        await this.closeEngine();
        // A queue filed under the portal's address before the portal announced its identity moves to it.
        if (portalKey !== state.portalUrl) await adoptQueue(this.queueDir(queueKey(state.portalUrl, state.user.username)), this.queueDir(key));
        this.current = this.openEngine(key);
      } else if (!this.sessionExpired && this.current.engine.hasCredentials) {
        // Every authorized call slides the idle deadline and re-announces
        // "signed in"; only a new session needs new credentials.
        return;
      }
      this.sessionExpired = false;
      const creds = await this.fetchCredentials();
      if (creds && this.current?.key === key) this.giveCredentials(this.current, creds);
      return;
    }
    // Intermediate sign-in steps (second factor, password change) leave the queue as it is.
    if (!this.current || state.status !== 'signed-out') return;
    if (state.reason === 'signed-out') {
      await this.closeEngine();
      this.deps.events.emit('transfers:queue-changed', { state: 'signed-out', connections: 0, connectionLimit: 0, items: 0 });
      return;
    }
    // Expired (or lost) session: keep the queue, wait for the next sign-in.
    this.sessionExpired = true;
    this.current.engine.setCredentials(null);
  }

  private giveCredentials(user: UserEngine, creds: TransferCredentials): void {
    user.engine.setCredentials(creds);
  }

  private async fetchCredentials() {
    try {
      return await this.deps.session.authorized((target) => requestTransferCredentials(this.deps.portal, target));
    } catch {
      return null;
    }
  }

  private queueDir(key: string): string {
    return path.join(this.deps.userData, 'transfers', key);
  }

  private openEngine(key: string): UserEngine {
    const dir = this.queueDir(key);
    const engine = new TransferEngine({
      ...this.deps.engineOptions,
      dataDir: dir,
      // The engine asks on its own when a token expires mid-queue; it applies the answer itself.
      refreshCredentials: async () => (this.deps.session.state().status === 'signed-in' ? await this.fetchCredentials() : null),
    });
    const user: UserEngine = {
      key,
      dir,
      engine,
      staging: new UploadStaging(path.join(dir, 'staging')),
      stagedBatches: new Map(),
      conflicts: new Map(),
      stop: () => undefined,
    };
    user.stop = engine.on(
      engineEventForwarder(user, {
        events: this.deps.events,
        notifier: this.deps.notifier,
        isCurrent: () => this.current === user,
        queueState: () => this.queueState(user),
      }),
    );
    return user;
  }

  private async closeEngine(): Promise<void> {
    const user = this.current;
    if (!user) return;
    this.deps.onClose();
    this.current = null;
    user.stop();
    await user.staging.close();
    await user.engine.close();
  }
}
