/**
 * Per-portal keying in the settings: preferences follow the portal's
 * announced identity (so a new port of the same portal keeps them),
 * URL-keyed preferences move to the identity on its first sight, and the
 * `--portal` flag wins over the remembered address.
 */
import { describe, expect, it } from 'vitest';
import { SettingsService } from '../../../../main/services/storage/settings-service';
import { MemorySettings } from '../../../fakes/memory-settings';

const OLD = 'http://127.0.0.1:8443';
const NEW = 'http://127.0.0.1:9555';
const prefs = (favorites: string[]) => ({ favorites, lastLaunched: {} });

describe('SettingsService portal keys', () => {
  it('keys a portal by its address until it announces an identity, then by the identity on that host', () => {
    const settings = new SettingsService(new MemorySettings());
    expect(settings.portalKey(OLD)).toBe(OLD);
    settings.rememberPortalId(OLD, 'portal-id-aaaa');
    settings.rememberPortalId(NEW, 'portal-id-aaaa');
    expect(settings.portalKey(OLD)).not.toBe(OLD);
    expect(settings.portalKey(NEW)).toBe(settings.portalKey(OLD));
    // The same id announced on another host is another portal (ids are public).
    settings.rememberPortalId('https://elsewhere.example', 'portal-id-aaaa');
    expect(settings.portalKey('https://elsewhere.example')).not.toBe(settings.portalKey(OLD));
    // A different id at the same address is a different portal.
    settings.rememberPortalId('http://127.0.0.1:7000', 'portal-id-bbbb');
    expect(settings.portalKey('http://127.0.0.1:7000')).not.toBe(settings.portalKey(OLD));
  });

  it('keeps favorites when the same portal comes back on a new port', () => {
    const settings = new SettingsService(new MemorySettings());
    settings.rememberPortalId(OLD, 'portal-id-aaaa');
    settings.setUserPrefs(OLD, 'Alice', prefs(['notepad']));
    settings.rememberPortalId(NEW, 'portal-id-aaaa');
    expect(settings.userPrefs(NEW, 'alice').favorites).toEqual(['notepad']);
  });

  it('moves address-keyed preferences to the identity on its first sight, without overwriting', () => {
    const store = new MemorySettings();
    const before = new SettingsService(store);
    before.setUserPrefs(OLD, 'alice', prefs(['notepad']));
    before.setUserPrefs(OLD, 'bob', prefs(['paint']));
    before.setUserPrefs('http://other.example', 'alice', prefs(['calc']));
    // The identity already has Bob's newer preferences (from another address).
    before.rememberPortalId(NEW, 'portal-id-aaaa');
    before.setUserPrefs(NEW, 'bob', prefs(['word']));

    const settings = new SettingsService(store);
    settings.rememberPortalId(OLD, 'portal-id-aaaa');
    expect(settings.userPrefs(NEW, 'alice').favorites).toEqual(['notepad']);
    expect(settings.userPrefs(NEW, 'bob').favorites).toEqual(['word']);
    expect(settings.userPrefs('http://other.example', 'alice').favorites).toEqual(['calc']);
    // Nothing is left under the old address to be picked up twice.
    expect(Object.keys(store.get<Record<string, unknown>>('userPrefs')!).filter((k) => k.startsWith(`${OLD}|`))).toEqual([]);
  });

  it('forgets the identity when the address later answers without one', () => {
    const settings = new SettingsService(new MemorySettings());
    settings.rememberPortalId(OLD, 'portal-id-aaaa');
    settings.rememberPortalId(OLD, undefined);
    expect(settings.portalKey(OLD)).toBe(OLD);
  });

  it('ignores a hostile stored identity map', () => {
    const store = new MemorySettings();
    store.set('portalIds', { [OLD]: '../../etc' });
    expect(new SettingsService(store).portalKey(OLD)).toBe(OLD);
  });

  it('starts with --portal over the remembered address, and remembers the next one that worked', () => {
    const store = new MemorySettings();
    new SettingsService(store).setPortalUrl(OLD);
    expect(new SettingsService(store).portalUrl()).toBe(OLD);
    const flagged = new SettingsService(store, NEW);
    expect(flagged.portalUrl()).toBe(NEW);
    flagged.setPortalUrl('http://127.0.0.1:7000');
    expect(flagged.portalUrl()).toBe('http://127.0.0.1:7000');
    expect(new SettingsService(store).portalUrl()).toBe('http://127.0.0.1:7000');
  });
});
