/** An in-memory `SettingsStore` that copies values like a real store would. */
import type { SettingsStore } from '../../main/ports';

export class MemorySettings implements SettingsStore {
  readonly data = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    const value = this.data.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  set(key: string, value: unknown): void {
    this.data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }

  delete(key: string): void {
    this.data.delete(key);
  }
}
