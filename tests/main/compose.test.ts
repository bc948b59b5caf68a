import { afterEach, describe, expect, it } from 'vitest';
import type { AppTile, AuthState, LaunchResult } from '../../common/contract';
import { compose, type AppCore } from '../../main/compose';
import { createFakePorts, type FakePorts } from '../fakes/fake-ports';
import { startFakePortal, type FakePortal } from '../fakes/fake-portal';

const trusted = { trusted: true, description: 'test' };

describe('compose', () => {
  let ports: FakePorts;
  let portal: FakePortal;
  let core: AppCore;
  afterEach(async () => {
    await core.dispose();
    await portal.close();
    ports.cleanup();
  });

  async function start(persist = false): Promise<void> {
    portal = await startFakePortal();
    ports = createFakePorts({ persist });
    core = await compose(ports, { defaultPortalUrl: portal.url, shell: 'browser', version: '1.2.3', platform: 'linux' });
    await core.ready;
  }

  it('serves the whole sign-in → list → favorite → launch → sign-out path through the router', async () => {
    await start();
    const events: string[] = [];
    core.events.onAny((event) => void events.push(event));

    expect(await core.router.handle('app:get-info', [], trusted)).toEqual({
      ok: true,
      value: {
        version: '1.2.3',
        shell: 'browser',
        platform: 'linux',
        defaultPortalUrl: portal.url,
        // This fake keychain cannot persist, and the UI is told why.
        vault: { persistent: false, reason: expect.stringContaining('session only'), problem: null },
      },
    });
    expect(await core.router.handle('portal:get-branding', [], trusted)).toMatchObject({ ok: true, value: { name: 'Demo Cloud' } });
    const wrong = await core.router.handle('auth:sign-in', [{ portalUrl: portal.url, username: 'demo', password: 'nope' }], trusted);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });

    const signIn = await core.router.handle('auth:sign-in', [{ portalUrl: portal.url, username: 'demo', password: 'correct horse' }], trusted);
    expect(signIn).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    expect(core.trayMenu().items.some((i) => i.kind === 'item' && i.id === 'sign-out')).toBe(true);

    const list = await core.router.handle('apps:list', [], trusted);
    expect(list.ok && (list.value as AppTile[]).length).toBe(portal.apps.length);
    await core.router.handle('apps:set-favorite', [{ appId: 'eclipse-admin', favorite: true }], trusted);
    const menu = core.trayMenu();
    expect(menu.items[1]).toMatchObject({ id: 'favorite:eclipse-admin' });

    const launched = await core.router.handle('apps:launch', [{ appId: '7zip', mode: 'native' }], trusted);
    expect(launched).toEqual({ ok: true, value: { status: 'launched', method: 'ica' } satisfies LaunchResult });
    expect(ports.osLauncher.opened[0]!.mode).toBe(0o600);

    const out = await core.router.handle('auth:sign-out', [], trusted);
    expect(out).toMatchObject({ ok: true, value: { status: 'signed-out', reason: 'signed-out', lastUsername: 'demo' } });
    expect(core.trayMenu().items.map((i) => (i.kind === 'item' ? i.id : i.kind))).toEqual(['open', 'separator', 'quit']);
    expect(events).toContain('auth:changed');
    expect(events).toContain('apps:changed');
    expect(core.vaultStatus().persistent).toBe(false);
  });

  it('restores the saved session on the next start when the keychain persists', async () => {
    await start(true);
    await core.router.handle('auth:sign-in', [{ portalUrl: portal.url, username: 'demo', password: 'correct horse' }], trusted);
    await core.dispose();
    core = await compose(ports, { defaultPortalUrl: portal.url, shell: 'electron', version: '1', platform: 'linux' });
    await core.ready;
    const state = await core.router.handle('auth:get-state', [], trusted);
    expect(state.ok && (state.value as AuthState).status).toBe('signed-in');
  });

  it('reports a corrupt vault through the notifier', async () => {
    portal = await startFakePortal();
    ports = createFakePorts({ persist: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${ports.paths.userData}/vault.json`, 'garbage');
    core = await compose(ports, { defaultPortalUrl: portal.url, shell: 'browser', version: '1', platform: 'linux' });
    expect(core.vaultStatus().problem).toMatch(/kept aside/);
    expect(ports.notifier.notes).toHaveLength(1);
  });
});
