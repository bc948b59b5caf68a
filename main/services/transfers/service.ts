/**
 * The adapter between the transfer engine and the rest of main: one engine
 * per signed-in user (queue in `<userData>/transfers/<user key>/`), fresh
 * FTPS credentials from the portal while the session lives, engine events
 * forwarded as `transfers:*` events, notifications when a batch ends.
 *
 * Session rules: when the session expires the queue waits (reason
 * `session_expired`) and carries on after the user signs in again — nothing
 * restarts from zero. An explicit sign-out stops the engine; its queue stays
 * on disk for that user's next sign-in. The portal revokes the user's
 * transfer tokens on sign-out.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type {
  AuthState,
  ConflictChoice,
  ConflictPolicy,
  DownloadChunk,
  DragOutChunk,
  DragOutTicket,
  EnqueueResult,
  RemoteEntry,
  TransferPage,
  TransfersQueueState,
  TransfersSnapshot,
  UploadBeginRequest,
  UploadChunk,
} from '../../../preload/contract';
import type { EventHub, Notifier } from '../../ports';
import { PortalError } from '../core/errors';
import type { SessionService } from '../auth/session-service';
import { TransferEngine, type TransferCredentials, type TransferEngineOptions } from './engine';
import { requestTransferCredentials } from './credentials';
import { DragOutTickets } from './drag-out';
import { UploadStaging } from './staging';
import { engineEventForwarder, notSignedIn, readFinishedDownload, toPortalError, type FileDialogs, type UserEngine } from './support';
import { signedOutSnapshot, toItemView, toQueueState } from './views';

export interface TransfersServiceDeps {
  session: SessionService;
  events: EventHub;
  notifier: Notifier;
  userData: string;
  fetch: typeof fetch;
  /** True in Electron: real local paths and native dialogs are allowed. */
  nativeFiles: boolean;
  dialogs?: FileDialogs;
  /** Engine tuning (tests use short retries). */
  engineOptions?: Partial<Omit<TransferEngineOptions, 'dataDir' | 'refreshCredentials'>>;
}

/** Owns the current user's transfer engine and serves the `transfers:*` channels. */
export class TransfersService {
  private current: UserEngine | null = null;
  private sessionExpired = false;
  private readonly stopAuth: () => void;
  private switching: Promise<void> = Promise.resolve();
  private readonly dragOuts = new DragOutTickets();

  constructor(private readonly deps: TransfersServiceDeps) {
    this.stopAuth = deps.events.on((event, payload) => {
      if (event === 'auth:changed') this.onAuth(payload as AuthState);
    });
    this.onAuth(deps.session.state());
  }

  /** Resolves once pending sign-in/sign-out work is done (tests). */
  settled(): Promise<void> {
    return this.switching;
  }

  private onAuth(state: AuthState): void {
    this.switching = this.switching.then(() => this.applyAuth(state)).catch(() => undefined);
  }

  private async applyAuth(state: AuthState): Promise<void> {
    if (state.status === 'signed-in') {
      const key = createHash('sha256').update(`${state.portalUrl}\n${state.user.username.toLowerCase()}`).digest('hex').slice(0, 24);
      if (this.current?.key !== key) {
        await this.closeEngine();
        this.current = this.openEngine(key);
      } else if (!this.sessionExpired && this.current.hasCredentials) {
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
    this.current.hasCredentials = false;
    this.current.engine.setCredentials(null);
  }

  private giveCredentials(user: UserEngine, creds: TransferCredentials): void {
    user.hasCredentials = true;
    user.engine.setCredentials(creds);
  }

  private async fetchCredentials() {
    try {
      return await this.deps.session.authorized((target) => requestTransferCredentials(this.deps.fetch, target));
    } catch {
      return null;
    }
  }

  private openEngine(key: string): UserEngine {
    const dir = path.join(this.deps.userData, 'transfers', key);
    const engine = new TransferEngine({
      ...this.deps.engineOptions,
      dataDir: dir,
      // The engine asks on its own when a token expires mid-queue; it applies the answer itself.
      refreshCredentials: async () => {
        const creds = this.deps.session.state().status === 'signed-in' ? await this.fetchCredentials() : null;
        if (creds) user.hasCredentials = true;
        return creds;
      },
    });
    const user: UserEngine = {
      key,
      dir,
      engine,
      staging: new UploadStaging(path.join(dir, 'staging')),
      stagedBatches: new Map(),
      conflicts: new Map(),
      hasCredentials: false,
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

  private queueState(user: UserEngine): TransfersQueueState {
    return toQueueState(user.engine.queueState(), this.sessionExpired);
  }

  private async closeEngine(): Promise<void> {
    const user = this.current;
    if (!user) return;
    this.dragOuts.clear();
    this.current = null;
    user.stop();
    await user.staging.close();
    await user.engine.close();
  }

  private user(): UserEngine {
    if (!this.current || this.deps.session.state().status !== 'signed-in') throw notSignedIn();
    return this.current;
  }

  /** Runs a remote operation, asking for credentials first if the engine has none yet. */
  private async remote<T>(work: (engine: TransferEngine) => Promise<T>): Promise<T> {
    const user = this.user();
    await this.switching;
    if (!user.hasCredentials) {
      const creds = await this.deps.session.authorized((target) => requestTransferCredentials(this.deps.fetch, target));
      this.giveCredentials(user, creds);
    }
    try {
      return await work(user.engine);
    } catch (error) {
      throw toPortalError(error);
    }
  }

  snapshot(): TransfersSnapshot {
    const user = this.current;
    if (!user) return signedOutSnapshot(this.deps.nativeFiles);
    return {
      queue: { ...this.queueState(user), items: user.engine.page(0, 1).total },
      totals: user.engine.totals(),
      conflicts: [...user.conflicts.values()],
      nativeFiles: this.deps.nativeFiles,
    };
  }

  page(request: { offset: number; limit: number }): TransferPage {
    const user = this.current;
    if (!user) return { total: 0, offset: request.offset, items: [] };
    const page = user.engine.page(request.offset, request.limit);
    return { total: page.total, offset: request.offset, items: page.items.map(toItemView) };
  }

  listRemote(remotePath: string): Promise<RemoteEntry[]> {
    return this.remote((engine) => engine.remote.list(remotePath));
  }

  createFolder(parent: string, name: string): Promise<void> {
    return this.remote((engine) => engine.remote.createFolder(parent, name));
  }

  rename(from: string, newName: string): Promise<void> {
    return this.remote((engine) => engine.remote.rename(from, newName));
  }

  delete(remotePath: string, kind: 'file' | 'dir'): Promise<void> {
    return this.remote((engine) => engine.remote.delete(remotePath, kind));
  }

  /** Electron: uploads real local files and folders. */
  async uploadPaths(request: { localPaths: string[]; remoteDir: string; conflict: ConflictPolicy }): Promise<EnqueueResult> {
    if (!this.deps.nativeFiles) throw new PortalError('forbidden', 'Local paths are only accepted from the desktop app.');
    if (!request.localPaths.every((p) => path.isAbsolute(p))) throw new PortalError('invalid_request', 'Local paths must be absolute.');
    const user = this.user();
    try {
      return await user.engine.enqueueUpload(request);
    } catch (error) {
      throw toPortalError(error);
    }
  }

  uploadBegin(request: UploadBeginRequest): Promise<{ uploadId: string }> {
    return this.user().staging.begin(request);
  }

  uploadChunk(chunk: UploadChunk): Promise<void> {
    return this.user().staging.chunk(chunk);
  }

  async uploadEnd(uploadId: string): Promise<EnqueueResult> {
    const user = this.user();
    const staged = await user.staging.finish(uploadId);
    try {
      const result = await user.engine.enqueueUpload({ localPaths: staged.localPaths, remoteDir: staged.remoteDir, conflict: staged.conflict });
      user.stagedBatches.set(result.batchId, staged.dir);
      return result;
    } catch (error) {
      await user.staging.remove(staged.dir);
      throw toPortalError(error);
    }
  }

  uploadAbort(uploadId: string): Promise<void> {
    return this.user().staging.abort(uploadId);
  }

  /** Downloads into `localDir` (Electron) or `<user dir>/downloads` (browser host, read back with `readDownload`). */
  download(request: { remotePaths: string[]; localDir?: string; conflict: ConflictPolicy }): Promise<EnqueueResult> {
    if (request.localDir !== undefined && (!this.deps.nativeFiles || !path.isAbsolute(request.localDir))) {
      return Promise.reject(new PortalError('forbidden', 'A local folder can only be chosen in the desktop app.'));
    }
    const user = this.user();
    const localDir = request.localDir ?? path.join(user.dir, 'downloads');
    return this.remote(async (engine) => {
      await fsp.mkdir(localDir, { recursive: true });
      return engine.enqueueDownload({ remotePaths: request.remotePaths, localDir, conflict: request.conflict });
    });
  }

  /** Reads a finished browser-host download in chunks, so the page can save it. */
  async readDownload(request: { itemId: number; offset: number }): Promise<DownloadChunk> {
    return readFinishedDownload(this.user(), request);
  }

  /** Both shells: a single-use ticket for dragging a remote file out of the window (see `drag-out.ts`). */
  dragOutPrepare(remotePath: string): DragOutTicket {
    return this.dragOuts.prepare(this.user(), remotePath);
  }

  /** The drag-out route (browser host) or `app://` protocol (Electron): claims a ticket, then reads its finished download. */
  dragOutRead(request: { token: string; offset: number }): Promise<DragOutChunk> {
    return this.dragOuts.read(this.user(), request);
  }

  async pickFiles(): Promise<string[]> {
    if (!this.deps.dialogs) throw new PortalError('invalid_request', 'Native dialogs are only available in the desktop app.');
    return this.deps.dialogs.pickFiles();
  }

  async pickFolder(): Promise<string | null> {
    if (!this.deps.dialogs) throw new PortalError('invalid_request', 'Native dialogs are only available in the desktop app.');
    return this.deps.dialogs.pickFolder();
  }

  pause(ids?: number[]): void {
    this.user().engine.pause(ids);
  }

  resume(ids?: number[]): void {
    this.user().engine.resume(ids);
  }

  cancel(ids?: number[]): void {
    this.user().engine.cancel(ids);
  }

  move(id: number, toIndex: number): void {
    this.user().engine.move(id, toIndex);
  }

  retryFailed(): number {
    return this.user().engine.retryFailed();
  }

  resolveConflict(id: number, choice: ConflictChoice, applyToBatch: boolean): void {
    const user = this.user();
    user.engine.resolveConflict(id, choice, applyToBatch);
    user.conflicts.delete(id);
  }

  clearFinished(): number {
    return this.user().engine.clearFinished();
  }

  /** Files moving right now, for the tray. */
  activeCount(): number {
    return this.current ? this.current.engine.totals().running : 0;
  }

  /** Stops the engine (the queue stays on disk). */
  async dispose(): Promise<void> {
    this.stopAuth();
    await this.switching;
    await this.closeEngine();
  }
}
