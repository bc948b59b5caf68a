/**
 * Shared setup of the drag-out tests (browser host route, Electron
 * protocol): the embedded FTPS endpoint, a real TransfersService signed in
 * as alice, and a router that forwards the one channel the transports use.
 */
import { FakeClock } from '../../../fakes/fake-clock';
import { PortalApi } from '../../../../main/services/portal/client';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { AuthState } from '../../../../common/contract';
import type { Router } from '../../../../main/ports';
import { createEventHub } from '../../../../main/services/core/events';
import type { PortalError } from '../../../../main/services/core/errors';
import type { PortalTarget } from '../../../../main/services/portal/client';
import type { SessionService } from '../../../../main/services/auth/session-service';
import { TransfersService } from '../../../../main/services/transfers/service';
import { startEmbedded, type EmbeddedServer } from '../../../transfers/helpers/embedded';
import { tempDir } from '../../../transfers/helpers/engine';

const signedIn: AuthState = {
  status: 'signed-in',
  portalUrl: 'http://portal.test',
  user: { username: 'alice', displayName: 'Alice', roles: [] },
  idleExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
};

/** A signed-in session as far as TransfersService looks. */
export const signedInSession = {
  state: (): AuthState => signedIn,
  authorized: async <T>(call: (target: PortalTarget) => Promise<T>): Promise<T> => call({ portalUrl: 'http://portal.test', token: 'session-token' }),
} as unknown as SessionService;

/** Hex SHA-256 of `data`. */
export function sha(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What {@link startDragOutSetup} returns. */
export interface DragOutSetup {
  ftps: EmbeddedServer;
  userData: string;
  service: TransfersService;
  /** Forwards `transfers:drag-out-read` to the service (anything else: invalid_request). */
  router: Router;
  close(): Promise<void>;
}

/** Starts the FTPS endpoint and a TransfersService on a fresh user-data dir. */
export async function startDragOutSetup(options: { nativeFiles?: boolean } = {}): Promise<DragOutSetup> {
  const ftps = await startEmbedded();
  const userData = await tempDir('portico-drag-');
  const fakeFetch = (async () =>
    new Response(JSON.stringify(ftps.credentials()), { status: 200, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
  const service = new TransfersService({
    session: signedInSession,
    events: createEventHub(),
    notifier: { notify: () => undefined },
    userData,
    portal: new PortalApi({ fetch: fakeFetch, clock: new FakeClock() }),
    nativeFiles: options.nativeFiles ?? false,
    engineOptions: { retryDelaysMs: [50, 100, 200], timeoutMs: 10_000, progressIntervalMs: 50 },
  });
  await service.settled();
  const router: Router = {
    handle: async (channel, args) => {
      if (channel !== 'transfers:drag-out-read') return { ok: false, error: { code: 'invalid_request', message: 'no' } };
      try {
        return { ok: true, value: await service.dragOutRead((args as [{ token: string; offset: number }])[0]) };
      } catch (error) {
        return { ok: false, error: { code: (error as PortalError).code ?? 'internal', message: 'failed' } };
      }
    },
  };
  return {
    ftps,
    userData,
    service,
    router,
    close: async () => {
      await service.dispose();
      await ftps.close();
      await fsp.rm(userData, { recursive: true, force: true });
    },
  };
}

/** Files (full paths) under any `drag-out` folder of `userData`: the local copies being served. */
export async function dragOutFiles(userData: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name));
      else if (dir.includes(`${path.sep}drag-out${path.sep}`)) found.push(path.join(dir, entry.name));
    }
  };
  await walk(path.join(userData, 'transfers'));
  return found;
}
