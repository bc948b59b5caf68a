import { beforeEach, describe, expect, it } from 'vitest';
import type { AppTile, FavoriteRequest, LaunchRequest, LaunchResult, Result } from '../../../../common/contract';
import { setDesktopApi } from '../../../../renderer/src/desktop-api';
import { describeFeedback } from '../../../../renderer/src/features/launcher/launch-feedback';
import { useLauncherStore } from '../../../../renderer/src/features/launcher/use-launcher-store';
import { deferred, FakeDesktopApi, ok, tile } from '../../fake-desktop-api';
import { resetStores } from '../../reset-stores';
import { openInNewTab, provideTabOpener } from '../../../../renderer/src/lib/new-tab';

// What the page guards would open (this file's only tab opener).
const openedTabs: string[] = [];
provideTabOpener((url) => void openedTabs.push(url));

const catalogue: AppTile[] = [
  tile({ id: '7zip', name: '7-Zip File Manager', description: 'Compress files and folders into one archive.' }),
  tile({ id: 'eclipse-admin', name: 'Eclipse Admin', methods: ['rdp'] }),
  tile({ id: 'desktop', name: 'Virtual Desktop', kind: 'desktop', methods: ['rdp', 'web'] }),
];

let api: FakeDesktopApi;
let favorites: Set<string>;

beforeEach(() => {
  resetStores();
  favorites = new Set();
  api = new FakeDesktopApi()
    .handle('apps:list', () => ok(catalogue.map((a) => ({ ...a, favorite: favorites.has(a.id) }))))
    .handle('apps:set-favorite', (request: FavoriteRequest) => {
      if (request.favorite) favorites.add(request.appId);
      else favorites.delete(request.appId);
      return ok(catalogue.map((a) => ({ ...a, favorite: favorites.has(a.id) })));
    });
  setDesktopApi(api);
  openedTabs.length = 0;
});

describe('launcher store', () => {
  it('loads the catalogue', async () => {
    await useLauncherStore.getState().load();
    expect(useLauncherStore.getState().loaded).toBe(true);
    expect(useLauncherStore.getState().apps.map((a) => a.id)).toEqual(catalogue.map((a) => a.id));
  });

  it('reports a load failure in words', async () => {
    api.handle('apps:list', () => ({ ok: false, error: { code: 'portal_error', message: 'The portal had a problem.' } }));
    await useLauncherStore.getState().load();
    expect(useLauncherStore.getState().loaded).toBe(false);
    expect(useLauncherStore.getState().loadError).toBe('The portal had a problem.');
  });

  it('toggling a favorite calls the channel with the opposite value', async () => {
    await useLauncherStore.getState().load();
    await useLauncherStore.getState().toggleFavorite('7zip');
    expect(api.callsTo('apps:set-favorite')).toEqual([[{ appId: '7zip', favorite: true }]]);
    expect(useLauncherStore.getState().apps.find((a) => a.id === '7zip')?.favorite).toBe(true);

    await useLauncherStore.getState().toggleFavorite('7zip');
    expect(api.callsTo('apps:set-favorite')[1]).toEqual([{ appId: '7zip', favorite: false }]);
    expect(useLauncherStore.getState().apps.find((a) => a.id === '7zip')?.favorite).toBe(false);
  });

  it('shows the new favorite at once and rolls back if main refuses', async () => {
    await useLauncherStore.getState().load();
    const answer = deferred<Result<AppTile[]>>();
    api.handle('apps:set-favorite', () => answer.promise);
    const pending = useLauncherStore.getState().toggleFavorite('eclipse-admin');
    expect(useLauncherStore.getState().apps.find((a) => a.id === 'eclipse-admin')?.favorite).toBe(true);
    expect(useLauncherStore.getState().pendingFavorites).toContain('eclipse-admin');
    answer.resolve({ ok: false, error: { code: 'internal', message: 'Could not save.' } });
    await pending;
    const state = useLauncherStore.getState();
    expect(state.apps.find((a) => a.id === 'eclipse-admin')?.favorite).toBe(false);
    expect(state.pendingFavorites).toEqual([]);
    expect(state.feedback?.kind).toBe('failed');
  });

  it('ignores favorites for unknown apps', async () => {
    await useLauncherStore.getState().load();
    await useLauncherStore.getState().toggleFavorite('nope');
    expect(api.callsTo('apps:set-favorite')).toHaveLength(0);
  });

  it('launch feedback goes from starting to started', async () => {
    await useLauncherStore.getState().load();
    const answer = deferred<Result<LaunchResult>>();
    api.handle('apps:launch', () => answer.promise);
    const pending = useLauncherStore.getState().launch('7zip', 'native');
    let feedback = useLauncherStore.getState().feedback;
    expect(feedback?.kind).toBe('starting');
    expect(feedback && describeFeedback(feedback)).toBe('Starting 7-Zip File Manager…');
    answer.resolve(ok({ status: 'launched', method: 'ica' }));
    await pending;
    feedback = useLauncherStore.getState().feedback;
    expect(feedback?.kind).toBe('started');
    expect(feedback && describeFeedback(feedback)).toBe('7-Zip File Manager started');
    expect(api.callsTo('apps:launch')).toEqual([[{ appId: '7zip', mode: 'native' } satisfies LaunchRequest]]);
  });

  it('no-client names the missing client and whether the light version exists', async () => {
    await useLauncherStore.getState().load();
    api.handle('apps:launch', () => ok({ status: 'no-client', clientName: 'Citrix Workspace app', webAvailable: true }));
    await useLauncherStore.getState().launch('7zip', 'native');
    const feedback = useLauncherStore.getState().feedback;
    expect(feedback).toMatchObject({ kind: 'no-client', appId: '7zip', clientName: 'Citrix Workspace app', webAvailable: true });
    expect(feedback && describeFeedback(feedback)).toBe("Citrix Workspace app isn't installed.");
  });

  it('opens the light version the host hands back in a new tab of this browser', async () => {
    await useLauncherStore.getState().load();
    const url = 'http://127.0.0.1:8443/light/7zip?ticket=abc';
    api.handle('apps:launch', () => ok({ status: 'launched', method: 'web', url }));
    await useLauncherStore.getState().launch('7zip', 'web');
    expect(openedTabs).toEqual([url]);
    const feedback = useLauncherStore.getState().feedback;
    expect(feedback && describeFeedback(feedback)).toBe('7-Zip File Manager started in the light version');
  });

  it('opens nothing for a launch without a URL, and never a non-web URL', async () => {
    await useLauncherStore.getState().load();
    api.handle('apps:launch', () => ok({ status: 'launched', method: 'web' }));
    await useLauncherStore.getState().launch('7zip', 'web');
    expect(openedTabs).toEqual([]);
    api.handle('apps:launch', () => ok({ status: 'launched', method: 'web', url: 'javascript:alert(1)' }));
    await useLauncherStore.getState().launch('7zip', 'web');
    expect(openedTabs).toEqual([]);
    expect(useLauncherStore.getState().feedback).toMatchObject({ kind: 'failed', message: "Couldn't open 7-Zip File Manager in a new tab." });
    expect(openInNewTab('http://user:pw@127.0.0.1/')).toBe(false);
    // Later openers are ignored: the first (the page guards') stays.
    provideTabOpener(() => undefined);
    expect(openInNewTab('https://portal.example/light/x')).toBe(true);
    expect(openedTabs).toEqual(['https://portal.example/light/x']);
  });

  it('a failed launch explains why', async () => {
    await useLauncherStore.getState().load();
    api.handle('apps:launch', () => ({ ok: false, error: { code: 'launch_blocked', message: 'The host is not allowed.' } }));
    await useLauncherStore.getState().launch('eclipse-admin', 'native');
    const feedback = useLauncherStore.getState().feedback;
    expect(feedback?.kind).toBe('failed');
    expect(feedback && describeFeedback(feedback)).toContain('Eclipse Admin');
    expect(feedback && describeFeedback(feedback)).toContain('The host is not allowed.');
  });

  it('a slow earlier launch does not overwrite a newer one', async () => {
    await useLauncherStore.getState().load();
    const slow = deferred<Result<LaunchResult>>();
    api.handle('apps:launch', (request) => (request.appId === '7zip' ? slow.promise : ok({ status: 'launched', method: 'web' })));
    const first = useLauncherStore.getState().launch('7zip', 'native');
    await useLauncherStore.getState().launch('desktop', 'web');
    slow.resolve(ok({ status: 'launched', method: 'ica' }));
    await first;
    expect(useLauncherStore.getState().feedback).toMatchObject({ kind: 'started', appId: 'desktop', method: 'web' });
  });

  it('keeps the query as typed', () => {
    useLauncherStore.getState().setQuery('ZIP ');
    expect(useLauncherStore.getState().query).toBe('ZIP ');
  });
});
