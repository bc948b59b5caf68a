import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonSettingsStore } from '../../../../main/services/storage/json-settings-store';

describe('JsonSettingsStore', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'portico-settings-'));
    file = path.join(dir, 'settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores values atomically with mode 0600 and reloads them', () => {
    const store = new JsonSettingsStore(file);
    store.set('portalUrl', 'https://portal.example');
    store.set('userPrefs', { 'https://p|demo': { favorites: ['7zip'] } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    const again = new JsonSettingsStore(file);
    expect(again.get('portalUrl')).toBe('https://portal.example');
    expect(again.get('userPrefs')).toEqual({ 'https://p|demo': { favorites: ['7zip'] } });
    again.delete('portalUrl');
    expect(new JsonSettingsStore(file).get('portalUrl')).toBeUndefined();
  });

  it('returns copies so callers cannot change stored values by accident', () => {
    const store = new JsonSettingsStore(file);
    store.set('list', ['a']);
    store.get<string[]>('list')!.push('b');
    expect(store.get('list')).toEqual(['a']);
  });

  it.each(['{ broken', '[1,2]', 'null', '"text"'])('moves a corrupt file aside (%s)', (content) => {
    writeFileSync(file, content);
    const store = new JsonSettingsStore(file, () => Date.parse('2026-05-01T10:00:00Z'));
    expect(store.problem()).toMatch(/kept aside/);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(dir, aside!), 'utf8')).toBe(content);
    store.set('a', 1);
    expect(new JsonSettingsStore(file).get('a')).toBe(1);
  });

  it('keeps a "__proto__" key as plain data', () => {
    writeFileSync(file, '{"__proto__": {"polluted": true}, "ok": 1}');
    const store = new JsonSettingsStore(file);
    expect(store.get('ok')).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
