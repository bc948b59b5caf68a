/**
 * A `SettingsStore` kept in a JSON file, for the browser host (Electron uses
 * electron-store). Writes are atomic; a corrupt file is moved aside and
 * reported rather than silently replaced.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SettingsStore } from '../../ports';
import { moveAside, writeFileAtomic } from './atomic-file';

/** A JSON-file settings store. Keys are flat (no dotted paths). */
export class JsonSettingsStore implements SettingsStore {
  private readonly data = new Map<string, unknown>();
  private problemText: string | null = null;

  /**
   * Loads `<dir>/<fileName>`; a file that is not a JSON object is moved
   * aside as `<fileName>.corrupt-<time>` and reported by `problem()`.
   */
  constructor(
    private readonly filePath: string,
    now: () => number = Date.now,
  ) {
    if (!existsSync(filePath)) return;
    try {
      const parsed: unknown = JSON.parse(readFileSync(filePath, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      for (const [key, value] of Object.entries(parsed)) this.data.set(key, value);
    } catch {
      const aside = moveAside(filePath, now());
      this.problemText = `Settings could not be read and were kept aside as ${path.basename(aside)}.`;
    }
  }

  /** A start-up problem (corrupt file moved aside), if any. */
  problem(): string | null {
    return this.problemText;
  }

  get<T>(key: string): T | undefined {
    // Values are copied so callers cannot mutate the store behind its back.
    const value = this.data.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  set(key: string, value: unknown): void {
    if (value === undefined) return this.delete(key);
    this.data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    this.flush();
  }

  delete(key: string): void {
    if (!this.data.delete(key)) return;
    this.flush();
  }

  private flush(): void {
    writeFileAtomic(this.filePath, JSON.stringify(Object.fromEntries(this.data), null, 2), 0o600);
  }
}
