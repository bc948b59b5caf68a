import { describe, expect, it } from 'vitest';
import type { AppTile, AuthState } from '../../../../common/contract';
import { buildTrayMenu } from '../../../../main/services/desktop/tray-model';

const signedIn: AuthState = {
  status: 'signed-in',
  portalUrl: 'https://p.example',
  user: { username: 'demo', displayName: 'Demo User', roles: ['user'] },
  idleExpiresAt: '2026-05-01T10:00:00.000Z',
};
const signedOut: AuthState = { status: 'signed-out', portalUrl: 'https://p.example', lastUsername: 'demo', reason: 'signed-out' };

const tile = (id: string, favorite: boolean, methods: AppTile['methods'] = ['ica']): AppTile => ({
  id, name: `App ${id}`, description: '', icon: id, kind: 'app', methods, favorite, lastLaunchedAt: null,
});

describe('buildTrayMenu', () => {
  it('lists favorites first, then all apps, Open Portico, Sign out, Quit', () => {
    const apps = [tile('b', true), tile('a', false), tile('c', true), tile('w', false, ['web'])];
    const menu = buildTrayMenu({ auth: signedIn, apps });
    expect(menu.items.map((i) => (i.kind === 'item' ? i.id : i.kind === 'heading' ? `# ${i.label}` : '---'))).toEqual([
      '# Favorites', 'favorite:b', 'favorite:c', '---',
      '# All apps', 'app:b', 'app:a', 'app:c', 'app:w', '---',
      'open', 'sign-out', '---', 'quit',
    ]);
    const first = menu.items[1];
    expect(first).toEqual({
      kind: 'item', id: 'favorite:b', label: 'App b', enabled: true,
      action: { type: 'invoke', channel: 'apps:launch', args: [{ appId: 'b', mode: 'native' }] },
    });
    expect(menu.items.find((i) => i.kind === 'item' && i.id === 'app:w')).toMatchObject({
      action: { args: [{ appId: 'w', mode: 'web' }] },
    });
    expect(menu.tooltip).toBe('Portico — Demo User');
    expect(JSON.parse(JSON.stringify(menu))).toEqual(menu);
  });

  it('omits the favorites section when there are none', () => {
    const menu = buildTrayMenu({ auth: signedIn, apps: [tile('a', false)] });
    expect(menu.items[0]).toEqual({ kind: 'heading', label: 'All apps' });
  });

  it('shows only Open Portico and Quit when signed out', () => {
    const menu = buildTrayMenu({ auth: signedOut, apps: [tile('a', true)] });
    expect(menu.items).toEqual([
      { kind: 'item', id: 'open', label: 'Open Portico', enabled: true, action: { type: 'show-window' } },
      { kind: 'separator' },
      { kind: 'item', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } },
    ]);
    expect(menu.tooltip).toBe('Portico');
  });

  it('cleans hostile app names and shows active transfers', () => {
    const app = { ...tile('x', false), name: `Evil\r\nName${'x'.repeat(100)}` };
    const menu = buildTrayMenu({ auth: signedIn, apps: [app], transfers: { active: 2 } });
    const item = menu.items.find((i) => i.kind === 'item' && i.id === 'app:x');
    expect(item && item.kind === 'item' ? item.label : '').not.toMatch(/[\r\n]/);
    expect(item && item.kind === 'item' ? item.label.length : 0).toBeLessThanOrEqual(64);
    expect(menu.items).toContainEqual({ kind: 'heading', label: '2 transfers in progress' });
  });

  it('blanks out bidi controls, C1 controls and lone surrogates in app names, keeping emoji', () => {
    const app = { ...tile('x', false), name: 'Pay\u202Efdp.exe\u0085\uD800 😀' };
    const menu = buildTrayMenu({ auth: signedIn, apps: [app] });
    const item = menu.items.find((i) => i.kind === 'item' && i.id === 'app:x');
    expect(item && item.kind === 'item' ? item.label : '').toBe('Pay fdp.exe   😀');
  });

  it('shows active and failed transfer counts with Retry failed', () => {
    const menu = buildTrayMenu({ auth: signedIn, apps: [], transfers: { active: 1, failed: 3 } });
    expect(menu.items).toContainEqual({ kind: 'heading', label: '1 transfer in progress, 3 failed' });
    expect(menu.items).toContainEqual({
      kind: 'item', id: 'retry-failed', label: 'Retry failed', enabled: true,
      action: { type: 'invoke', channel: 'transfers:retry-failed', args: [] },
    });
    const none = buildTrayMenu({ auth: signedIn, apps: [], transfers: { active: 0, failed: 0 } });
    expect(none.items.some((i) => i.kind === 'item' && i.id === 'retry-failed')).toBe(false);
  });
});
