import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppTile } from '../../common/contract';
import { startRenderer } from '../../renderer/src/bootstrap';
import { useAuthStore } from '../../renderer/src/features/auth/use-auth-store';
import { useConnectionStore } from '../../renderer/src/features/connection/use-connection-store';
import { useLauncherStore } from '../../renderer/src/features/launcher/use-launcher-store';
import { useNavigationStore } from '../../renderer/src/lib/use-navigation-store';
import type { FakeDesktopApi } from './fake-desktop-api';
import { browserShellApi, PORTAL, ok, signedIn, tile } from './fake-desktop-api';
import { resetStores } from './reset-stores';

const apps: AppTile[] = [tile({ id: '7zip', name: '7-Zip File Manager' })];

let api: FakeDesktopApi;
let stop: (() => void) | null = null;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  resetStores();
  api = browserShellApi()
    .handle('auth:get-state', () => ok(signedIn))
    .handle('apps:list', () => ok(apps));
});

afterEach(() => {
  stop?.();
  stop = null;
});

describe('startRenderer', () => {
  it('loads branding, auth state and, once signed in, the apps', async () => {
    stop = await startRenderer(api);
    await settle();
    expect(useAuthStore.getState().auth).toEqual(signedIn);
    expect(useLauncherStore.getState().apps).toEqual(apps);
  });

  it('follows auth:changed and apps:changed events', async () => {
    stop = await startRenderer(api);
    api.emit('apps:changed', [...apps, tile({ id: 'desktop', name: 'Virtual Desktop', kind: 'desktop' })]);
    expect(useLauncherStore.getState().apps).toHaveLength(2);
    api.emit('auth:changed', { status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'session-expired' });
    expect(useAuthStore.getState().auth?.status).toBe('signed-out');
    expect(useAuthStore.getState().username).toBe('demo');
  });

  it('a session_expired answer shows the sign-in form and keeps the view', async () => {
    stop = await startRenderer(api);
    const navigationChanges: string[] = [];
    const unsubscribe = useNavigationStore.subscribe((s) => navigationChanges.push(s.view));
    api.handle('auth:get-state', () =>
      ok({ status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'session-expired' }),
    );
    api.handle('apps:launch', () => ({ ok: false, error: { code: 'session_expired', message: 'Session ended.' } }));
    await useLauncherStore.getState().launch('7zip', 'native');
    await settle();
    unsubscribe();
    const auth = useAuthStore.getState().auth;
    expect(auth?.status === 'signed-out' && auth.reason).toBe('session-expired');
    expect(useAuthStore.getState().username).toBe('demo');
    expect(navigationChanges).toEqual([]);
  });

  it('connection failures raise the banner; Retry refreshes and clears it', async () => {
    stop = await startRenderer(api);
    api.handle('apps:list', () => ({ ok: false, error: { code: 'connection_failed', message: 'offline' } }));
    await useLauncherStore.getState().load();
    expect(useConnectionStore.getState().problem).toContain('portal.example.test');

    api.handle('apps:list', () => ok(apps));
    const before = api.callsTo('apps:list').length;
    await useConnectionStore.getState().retry();
    expect(api.callsTo('apps:list').length).toBeGreaterThan(before);
    expect(useConnectionStore.getState().problem).toBeNull();
  });

  it('an explicit sign-out forgets the catalogue and search; an expiry keeps them', async () => {
    stop = await startRenderer(api);
    await settle();
    useLauncherStore.getState().setQuery('zip');
    api.emit('auth:changed', { status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'session-expired' });
    expect(useLauncherStore.getState().apps).toEqual(apps);
    expect(useLauncherStore.getState().query).toBe('zip');

    api.emit('auth:changed', signedIn);
    await settle();
    api.handle('auth:sign-out', () => ok({ status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'signed-out' }));
    await useAuthStore.getState().signOut();
    expect(useLauncherStore.getState().apps).toEqual([]);
    expect(useLauncherStore.getState().query).toBe('');
  });

  it('the returned function unsubscribes from main', async () => {
    const cleanup = await startRenderer(api);
    expect(api.listenerCount('apps:changed')).toBe(1);
    cleanup();
    expect(api.listenerCount('apps:changed')).toBe(0);
    expect(api.listenerCount('auth:changed')).toBe(0);
    expect(useConnectionStore.getState().refreshers).toHaveLength(0);
  });
});
