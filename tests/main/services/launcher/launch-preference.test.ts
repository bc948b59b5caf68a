/**
 * *Change Citrix Receiver* → *Use light version*: a launch preference kept
 * per portal and per user, across restarts; with `light`, a tile starts the
 * light version where the app has one, and natively where it has none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsService } from '../../../../main/services/storage/settings-service';
import { MemorySettings } from '../../../fakes/memory-settings';
import { startHarness, withNextStart, type Harness } from '../../../fakes/service-harness';

describe('launch preference', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('is the installed client until chosen, then kept for that user across restarts', async () => {
    h = await startHarness();
    h.portal.users.set('alice', { password: 'alice pw', displayName: 'Alice' });
    await h.signIn();
    expect(h.catalogue.launchPreference()).toBe('native');
    expect(h.catalogue.setLaunchPreference('light')).toBe('light');
    await h.session.signOut();
    expect(h.catalogue.launchPreference()).toBe('native');

    await h.signIn('alice', 'alice pw');
    expect(h.catalogue.launchPreference()).toBe('native');
    await h.session.signOut();

    await withNextStart(h, async (again) => {
      await again.signIn();
      expect(again.catalogue.launchPreference()).toBe('light');
    });
  });

  it('with "light", tiles start the light version where the app has one', async () => {
    h = await startHarness();
    await h.signIn();
    h.catalogue.setLaunchPreference('light');
    expect(await h.launcher.launch({ appId: '7zip', mode: 'native' })).toMatchObject({
      status: 'launched',
      method: 'web',
    });
    expect(h.ports.webSessions.opened.map((o) => o.title)).toEqual(['7-Zip File Manager']);
    expect(h.ports.osLauncher.opened).toEqual([]);
    // An app without a light version still starts with the installed client.
    expect(await h.launcher.launch({ appId: 'eclipse-admin', mode: 'native' })).toMatchObject({
      method: 'rdp',
    });
    h.catalogue.setLaunchPreference('native');
    expect(await h.launcher.launch({ appId: '7zip', mode: 'native' })).toMatchObject({ method: 'ica' });
  });

  it('refuses to be set while signed out', async () => {
    h = await startHarness();
    expect(() => h.catalogue.setLaunchPreference('light')).toThrow(
      expect.objectContaining({ code: 'not_signed_in' }),
    );
  });
});

describe('stored launch preference', () => {
  it('is kept per portal and per user, and an unknown stored value reads as never chosen', () => {
    const store = new MemorySettings();
    const settings = new SettingsService(store);
    settings.setUserPrefs('https://a.example', 'demo', {
      favorites: [],
      lastLaunched: {},
      launchPreference: 'light',
    });
    expect(settings.userPrefs('https://a.example', 'demo').launchPreference).toBe('light');
    expect(settings.userPrefs('https://b.example', 'demo').launchPreference).toBeUndefined();
    expect(settings.userPrefs('https://a.example', 'other').launchPreference).toBeUndefined();
    const all = store.get<Record<string, Record<string, unknown>>>('userPrefs')!;
    for (const prefs of Object.values(all)) prefs.launchPreference = 'ica-over-carrier-pigeon';
    store.set('userPrefs', all);
    expect(settings.userPrefs('https://a.example', 'demo')).toEqual({ favorites: [], lastLaunched: {} });
  });
});
