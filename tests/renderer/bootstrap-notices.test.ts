/**
 * In-app notices belong to the account they were shown to: a new sign-in
 * starts without the last session's, Log Off takes them along, and a session
 * the portal ended keeps its "Session ended" notice on the sign-in screen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../common/contract';
import { startRenderer } from '../../renderer/src/bootstrap';
import { useNoticesStore } from '../../renderer/src/features/settings/use-notices-store';
import type { FakeDesktopApi } from './fake-desktop-api';
import { browserShellApi, PORTAL, ok, signedIn } from './fake-desktop-api';
import { resetStores } from './reset-stores';

const signedOut = (reason: 'signed-out' | 'session-expired'): AuthState => ({ status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason });
const notice = { title: 'Session ended', body: 'Your portal session ended. Sign in again to continue.', whenAway: false };
const shown = () => useNoticesStore.getState().toasts.map((t) => t.title);

let api: FakeDesktopApi;
let stop: (() => void) | null = null;

beforeEach(async () => {
  resetStores();
  useNoticesStore.getState().clear();
  api = browserShellApi()
    .handle('auth:get-state', () => ok(signedOut('signed-out')))
    .handle('apps:list', () => ok([]));
  stop = await startRenderer(api);
});

afterEach(() => {
  stop?.();
  stop = null;
  useNoticesStore.getState().clear();
});

describe('notices and the account', () => {
  it('a session the portal ended keeps its notice until the next sign-in clears it', () => {
    api.emit('auth:changed', signedIn);
    api.emit('auth:changed', signedOut('session-expired'));
    api.emit('desktop:notice', notice);
    expect(shown()).toEqual(['Session ended']);
    api.emit('auth:changed', signedIn);
    expect(shown()).toEqual([]);
  });

  it('Log Off takes the signed-in session\'s notices along', () => {
    api.emit('auth:changed', signedIn);
    api.emit('desktop:notice', { title: 'Upload finished', body: '1 file transferred.', whenAway: false });
    expect(shown()).toEqual(['Upload finished']);
    api.emit('auth:changed', signedOut('signed-out'));
    expect(shown()).toEqual([]);
  });
});
