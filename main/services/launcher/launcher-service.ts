/**
 * Launches apps. Native: fetch a descriptor, check it against the portal's
 * launch policy, write a 0600 temp ICA/RDP file, hand it to the OS, and
 * delete it shortly afterwards. Web: open the light version in a sandboxed
 * window locked to the approved origin.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import type { LaunchMethod, LaunchRequest, LaunchResult } from '../../../common/contract';
import type { Clock, OsLauncher, WebSessionOpener } from '../../ports';
import type { CatalogueService } from './catalogue-service';
import { PortalError } from '../core/errors';
import type { PortalApi } from '../portal/client';
import type { LaunchDescriptor } from '../../../common/api';
import type { SessionService } from '../auth/session-service';
import { writeIcaFile } from './ica-writer';
import { checkLaunch } from './launch-policy';
import { writeRdpFile } from './rdp-writer';

/** The native client to install, per launch method. */
const CLIENT_NAMES = { ica: 'Citrix Workspace app', rdp: 'Remote Desktop client' } as const;

export interface LauncherServiceDeps {
  portal: PortalApi;
  session: SessionService;
  catalogue: CatalogueService;
  osLauncher: OsLauncher;
  webSessions: WebSessionOpener;
  clock: Clock;
  tempDir: string;
  /**
   * How long a launch file stays after the OS accepted it: the native client
   * reads it asynchronously, so deleting at once could race it.
   */
  cleanupDelayMs?: number;
}

/** Starts apps natively or as the light version. */
export class LauncherService {
  private readonly pending = new Map<string, { cancel(): void }>();

  constructor(private readonly deps: LauncherServiceDeps) {}

  async launch(request: LaunchRequest): Promise<LaunchResult> {
    const app = await this.deps.catalogue.find(request.appId);
    const method = pickMethod(app.methods, request.mode);
    const descriptor = await this.deps.session.authorized((target) => this.deps.portal.launch(target, app.id, method));
    if (descriptor.type !== method) throw new PortalError('launch_blocked', 'The portal sent a different kind of launch file than asked for.');
    const policy = await this.deps.session.authorized((target) => this.deps.portal.getLaunchPolicy(target));
    const { allowedOrigin } = checkLaunch(descriptor, policy);

    if (descriptor.type === 'web') {
      await this.deps.webSessions.open(descriptor.url, { title: descriptor.title, allowedOrigin: allowedOrigin! });
      this.deps.catalogue.recordLaunch(app.id);
      return { status: 'launched', method: 'web' };
    }

    const outcome = await this.openNative(descriptor);
    if (outcome === 'no-handler') {
      return { status: 'no-client', clientName: CLIENT_NAMES[descriptor.type], webAvailable: app.methods.includes('web') };
    }
    this.deps.catalogue.recordLaunch(app.id);
    return { status: 'launched', method: descriptor.type };
  }

  /** Deletes launch files still waiting for their cleanup delay. */
  async dispose(): Promise<void> {
    const files = [...this.pending.keys()];
    for (const timer of this.pending.values()) timer.cancel();
    this.pending.clear();
    await Promise.all(files.map((file) => rm(file, { force: true })));
  }

  private async openNative(descriptor: Exclude<LaunchDescriptor, { type: 'web' }>): Promise<'opened' | 'no-handler'> {
    const text = descriptor.type === 'ica' ? writeIcaFile(descriptor) : writeRdpFile(descriptor);
    const file = path.join(this.deps.tempDir, `portico-${randomBytes(16).toString('hex')}.${descriptor.type}`);
    // 'wx' never reuses an existing (possibly planted) file; 0600 keeps the logon ticket private.
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    let result: Awaited<ReturnType<OsLauncher['openPath']>>;
    try {
      result = await this.deps.osLauncher.openPath(file);
    } catch {
      result = { ok: false, reason: 'failed', message: 'The launcher failed.' };
    }
    if (!result.ok) {
      await rm(file, { force: true });
      if (result.reason === 'no-handler') return 'no-handler';
      throw new PortalError('internal', 'Your computer could not open the application file.');
    }
    this.scheduleCleanup(file);
    return 'opened';
  }

  private scheduleCleanup(file: string): void {
    const timer = this.deps.clock.setTimeout(() => {
      this.pending.delete(file);
      rm(file, { force: true }).catch(() => {
        // A file the OS still holds open is removed with the temp folder later.
      });
    }, this.deps.cleanupDelayMs ?? 30_000);
    this.pending.set(file, timer);
  }
}

function pickMethod(methods: LaunchMethod[], mode: LaunchRequest['mode']): LaunchMethod {
  if (mode === 'web') {
    if (!methods.includes('web')) throw new PortalError('invalid_request', 'This application has no light version.');
    return 'web';
  }
  if (methods.includes('ica')) return 'ica';
  if (methods.includes('rdp')) return 'rdp';
  throw new PortalError('invalid_request', 'This application can only be opened as the light version.');
}
