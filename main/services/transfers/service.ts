/**
 * The adapter between the transfer engine and the rest of main: serves the
 * `transfers:*` channels on the signed-in user's engine. Which engine that
 * is, and its credentials, follow the session (`current-engine.ts`); its
 * events become `transfers:*` events (`event-forwarder.ts`).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type {
  ConflictChoice,
  ConflictPolicy,
  DownloadChunk,
  DownloadTreeEntry,
  DragOutChunk,
  DragOutTicket,
  EnqueueResult,
  RemoteEntry,
  TransferPage,
  TransfersSnapshot,
  UploadBeginRequest,
  UploadChunk,
} from '../../../common/contract';
import type { FileDialogs } from '../../ports';
import { PortalError } from '../core/errors';
import { notSignedIn, toPortalError } from './channel-errors';
import { CurrentEngine, type CurrentEngineDeps } from './current-engine';
import { DragOutTickets } from './drag-out';
import type { TransferEngine, TransferEngineOptions } from './engine';
import { finishedDownloadTree, readFinishedDownload } from './read-download';
import type { UserEngine } from './user-engine';
import { signedOutSnapshot, toItemView } from './views';

/** The session, events, notifier, user data folder, portal client and portal key, as the current engine takes them. */
export interface TransfersServiceDeps
  extends Pick<CurrentEngineDeps, 'session' | 'events' | 'notifier' | 'userData' | 'portal' | 'portalKey'> {
  /** True in Electron: real local paths and native dialogs are allowed. */
  nativeFiles: boolean;
  dialogs?: FileDialogs;
  /** Engine tuning (tests use short retries). */
  engineOptions?: Partial<Omit<TransferEngineOptions, 'dataDir' | 'refreshCredentials'>>;
}

/** Owns the current user's transfer engine and serves the `transfers:*` channels. */
export class TransfersService {
  private readonly dragOuts = new DragOutTickets();
  private readonly engines: CurrentEngine;

  constructor(private readonly deps: TransfersServiceDeps) {
    this.engines = new CurrentEngine({ ...deps, onClose: () => this.dragOuts.clear() });
  }

  /** Resolves once pending sign-in/sign-out work is done (tests). */
  settled(): Promise<void> {
    return this.engines.settled();
  }

  private user(): UserEngine {
    const current = this.engines.get();
    if (!current || this.deps.session.state().status !== 'signed-in') throw notSignedIn();
    return current;
  }

  /** Runs a remote operation, asking for credentials first if the engine has none yet. */
  private async remote<T>(work: (engine: TransferEngine) => Promise<T>): Promise<T> {
    const user = this.user();
    await this.engines.settled();
    await this.engines.ensureCredentials(user);
    try {
      return await work(user.engine);
    } catch (error) {
      throw toPortalError(error);
    }
  }

  /**
   * Where the portal's FTPS endpoint is (host and control port), as the
   * portal says in the transfer credentials; null when signed out or the
   * portal gave none.
   */
  async endpoint(): Promise<{ host: string; port: number } | null> {
    try {
      // The engine opens just after sign-in; wait for it before asking.
      await this.engines.settled();
      const user = this.user();
      await this.engines.ensureCredentials(user);
      return user.engine.endpoint;
    } catch {
      return null;
    }
  }

  snapshot(): TransfersSnapshot {
    const user = this.engines.get();
    if (!user) return signedOutSnapshot(this.deps.nativeFiles);
    return {
      queue: { ...this.engines.queueState(user), items: user.engine.page(0, 1).total },
      totals: user.engine.totals(),
      conflicts: [...user.conflicts.values()],
      nativeFiles: this.deps.nativeFiles,
    };
  }

  page(request: { offset: number; limit: number }): TransferPage {
    const user = this.engines.get();
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

  /** The finished entries of a browser-host download batch, so the page can rebuild its tree. */
  downloadTree(batchId: number): DownloadTreeEntry[] {
    return finishedDownloadTree(this.user(), batchId);
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
    const user = this.engines.get();
    return user ? user.engine.totals().running : 0;
  }

  /** Stops the engine (the queue stays on disk). */
  dispose(): Promise<void> {
    return this.engines.dispose();
  }
}
