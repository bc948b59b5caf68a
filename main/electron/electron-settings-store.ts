/** SettingsStore on electron-store (non-secret settings only; no fake "encryption key"). */
import ElectronStore from 'electron-store';
import type { SettingsStore } from '../ports';

/** Creates the settings store in the app's userData folder. */
export function createElectronSettingsStore(): SettingsStore {
  const store = new ElectronStore<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false });
  return {
    get: <T>(key: string) => store.get(key) as T | undefined,
    set: (key, value) => {
      if (value === undefined) store.delete(key);
      else store.set(key, value);
    },
    delete: (key) => store.delete(key),
  };
}
