import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../server/paths';

describe('defaultDataDir', () => {
  it('prefers PORTICO_DATA_DIR', () => {
    expect(defaultDataDir({ PORTICO_DATA_DIR: '/srv/portal' }, 'linux', '/home/u')).toBe('/srv/portal');
  });

  it('follows each platform convention', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.local', 'share', 'portico-portal'));
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/u')).toBe(
      join('/xdg', 'portico-portal'),
    );
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(
      join('/Users/u', 'Library', 'Application Support', 'portico-portal'),
    );
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', 'portico-portal'),
    );
  });
});
