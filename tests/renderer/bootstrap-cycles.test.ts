/**
 * Renderer heap: many sign-in → launch → sign-out cycles through
 * the renderer's wiring leave no subscription, refresher or list behind.
 * (The benchmark found the heap's JS objects flat over 200 cycles; this keeps
 * the usual culprits from creeping back.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthState, EventChannel } from '../../common/contract';
import { startRenderer } from '../../renderer/src/bootstrap';
import { useAuthStore } from '../../renderer/src/features/auth/use-auth-store';
import { useConnectionStore } from '../../renderer/src/features/connection/use-connection-store';
import { useLauncherStore } from '../../renderer/src/features/launcher/use-launcher-store';
import type { FakeDesktopApi } from './fake-desktop-api';
import { browserShellApi, PORTAL, ok, signedIn, tile } from './fake-desktop-api';
import { resetStores } from './reset-stores';

const signedOut: AuthState = { status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'signed-out' };
const EVENTS: EventChannel[] = ['auth:changed', 'apps:changed', 'password:status'];
const CYCLES = 200;

let api: FakeDesktopApi;
let stop: (() => void) | null = null;

beforeEach(() => {
  resetStores();
  api = browserShellApi()
    .handle('auth:get-state', () => ok(signedOut))
    .handle('auth:sign-in', () => ok(signedIn))
    .handle('auth:sign-out', () => ok(signedOut))
    .handle('apps:list', () => ok([tile({ id: 'eclipse', name: 'Eclipse Admin' })]))
    .handle('apps:launch', () => ok({ status: 'launched', method: 'rdp' }));
});

afterEach(() => {
  stop?.();
  stop = null;
});

async function cycle(): Promise<void> {
  const auth = useAuthStore.getState();
  auth.setField('username', 'demo');
  auth.setField('password', 'secret');
  await auth.signIn();
  // Main also announces the change, as it does for real.
  api.emit('auth:changed', signedIn);
  await useLauncherStore.getState().load();
  await useLauncherStore.getState().launch('eclipse', 'native');
  await useAuthStore.getState().signOut();
  api.emit('auth:changed', signedOut);
}

function footprint() {
  return {
    listeners: EVENTS.map((event) => api.listenerCount(event)),
    refreshers: useConnectionStore.getState().refreshers.length,
    launcher: {
      apps: useLauncherStore.getState().apps.length,
      pendingFavorites: useLauncherStore.getState().pendingFavorites.length,
    },
  };
}

describe('renderer wiring over many cycles', () => {
  it(`keeps the same subscriptions, refreshers and lists after ${CYCLES} cycles`, async () => {
    stop = await startRenderer(api);
    await cycle();
    const afterFirst = footprint();
    expect(afterFirst.listeners.every((count) => count === 1)).toBe(true);
    for (let i = 1; i < CYCLES; i += 1) await cycle();
    expect(footprint()).toEqual(afterFirst);
    expect(api.callsTo('apps:launch')).toHaveLength(CYCLES);
  });

  it('gives every subscription back when stopped', async () => {
    const cleanup = await startRenderer(api);
    for (let i = 0; i < 5; i += 1) await cycle();
    cleanup();
    expect(EVENTS.map((event) => api.listenerCount(event))).toEqual([0, 0, 0]);
    expect(useConnectionStore.getState().refreshers).toHaveLength(0);
  });
});
