import { describe, expect, it } from 'vitest';
import { iconKeyFromPath, iconUrl, offersLightVersion, primaryMode } from '../../../../renderer/src/features/launcher/app-icons';
import { tile } from '../../fake-desktop-api';

const BUNDLED = ['7zip', 'ecapture-controller', 'ecapture-qc', 'eclipse-admin', 'windows-explorer', 'desktop', 'generic'];

describe('app icons', () => {
  it('bundles an icon for every catalogue key', () => {
    const urls = BUNDLED.map(iconUrl);
    expect(new Set(urls).size).toBe(BUNDLED.length);
    BUNDLED.forEach((key, i) => expect(urls[i]).toContain(key));
  });

  it('falls back to the generic icon for unknown or hostile keys', () => {
    const generic = iconUrl('generic');
    for (const key of ['nope', '../../etc/passwd', '__proto__', 'constructor', '']) expect(iconUrl(key)).toBe(generic);
  });

  it('derives keys from file paths', () => {
    expect(iconKeyFromPath('../../resources/catalogue/eclipse-admin.svg')).toBe('eclipse-admin');
  });

  it('launches natively when it can, else the light version', () => {
    expect(primaryMode(tile({ id: 'a', name: 'A', methods: ['ica', 'web'] }))).toBe('native');
    expect(primaryMode(tile({ id: 'b', name: 'B', methods: ['web'] }))).toBe('web');
    expect(offersLightVersion(tile({ id: 'a', name: 'A', methods: ['rdp', 'web'] }))).toBe(true);
    expect(offersLightVersion(tile({ id: 'b', name: 'B', methods: ['web'] }))).toBe(false);
    expect(offersLightVersion(tile({ id: 'c', name: 'C', methods: ['rdp'] }))).toBe(false);
  });
});
