/**
 * Launches apps. Native: pick the launch file this machine can open (ICA
 * first), fetch its descriptor, check it against the portal's launch policy,
 * write a 0600 temp ICA/RDP file, hand it to the OS, and delete it shortly
 * afterwards. Web: open the light version in a sandboxed window locked to
 * the approved origin (or, in the browser host, hand its URL to the page).
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
import { chooseLaunch, type LaunchPreference } from './launch-choice';
import { checkLaunch } from './launch-policy';
import type { NativeClientProbe } from './native-clients';
import { writeRdpFile } from './rdp-writer';

/** The native client to install, per launch method. */
const CLIENT_NAMES = { ica: 'Citrix Workspace app', rdp: 'Remote Desktop client' } as const;

export interface LauncherServiceDeps {
  portal: PortalApi;
  session: SessionService;
  catalogue: CatalogueService;
  osLauncher: OsLauncher;
  webSessions: WebSessionOpener;
  /** What this machine can open, asked before each native launch. */
  nativeClients: NativeClientProbe;
  /** The signed-in user's own launch preference, where one is kept (it wins over the machine's choice). */
  launchPreference?: () => LaunchPreference | null;
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
    const clients = request.mode === 'native' ? await this.deps.nativeClients.detect() : { ica: 'unknown' as const, rdp: 'unknown' as const };
    const choice = chooseLaunch({ methods: app.methods, mode: request.mode, clients, preference: this.deps.launchPreference?.() ?? null });
    const webAvailable = app.methods.includes('web');
    if (choice.kind === 'no-client') return { status: 'no-client', clientName: clientNames(choice.missing), webAvailable };
    const missing: Array<'ica' | 'rdp'> = [];
    for (const method of choice.methods) {
      const outcome = await this.launchWith(app.id, method);
      if (outcome === 'no-handler') {
        missing.push(method as 'ica' | 'rdp');
        continue;
      }
      this.deps.catalogue.recordLaunch(app.id);
      return outcome.url === undefined ? { status: 'launched', method } : { status: 'launched', method, url: outcome.url };
    }
    return { status: 'no-client', clientName: clientNames(missing), webAvailable };
  }

  /** Deletes launch files still waiting for their cleanup delay. */
  async dispose(): Promise<void> {
    const files = [...this.pending.keys()];
    for (const timer of this.pending.values()) timer.cancel();
    this.pending.clear();
    await Promise.all(files.map((file) => rm(file, { force: true })));
  }

  /** One attempt: a fresh descriptor (and ticket) for `method`, checked, then opened. */
  private async launchWith(appId: string, method: LaunchMethod): Promise<'no-handler' | { url?: string }> {
    const descriptor = await this.deps.session.authorized((target) => this.deps.portal.launch(target, appId, method));
    if (descriptor.type !== method) throw new PortalError('launch_blocked', 'The portal sent a different kind of launch file than asked for.');
    const policy = await this.deps.session.authorized((target) => this.deps.portal.getLaunchPolicy(target));
    const { allowedOrigin } = checkLaunch(descriptor, policy);
    if (descriptor.type === 'web') {
      const opened = await this.deps.webSessions.open(descriptor.url, { title: descriptor.title, allowedOrigin: allowedOrigin! });
      return opened?.openInPage === undefined ? {} : { url: opened.openInPage };
    }
    return (await this.openNative(descriptor)) === 'no-handler' ? 'no-handler' : {};
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

/** "Citrix Workspace app", or both clients when the app offers both. */
function clientNames(missing: ReadonlyArray<'ica' | 'rdp'>): string {
  return missing.map((method) => CLIENT_NAMES[method]).join(' or a ');
}
