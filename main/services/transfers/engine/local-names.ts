/**
 * Local names as a case-insensitive disk sees them. macOS and Windows
 * treat `Report.txt` and `report.txt` (and NFC/NFD spellings of one name)
 * as the same file; the engine decides by that key on every OS, so what
 * happens to a download does not depend on the disk it runs on: names of
 * one batch that share a key get distinct names, and a local file that
 * shares the key of a download is a conflict.
 */
import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { numberedName } from './numbered-name';

/** The key two local names collide by. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * Distinct names for `names` (one folder's children, in order), by key: a
 * name keeps its spelling unless an earlier one took its key, and then it
 * gets the first free `name (n).ext`. Every name that was free keeps it.
 */
export function distinctNames(names: readonly string[], taken: Set<string> = new Set()): string[] {
  const out: string[] = [];
  const later: number[] = [];
  for (const [i, name] of names.entries()) {
    const key = nameKey(name);
    if (taken.has(key)) later.push(i);
    else taken.add(key);
    out.push(name);
  }
  for (const i of later) {
    const name = names[i]!;
    for (let n = 1; ; n++) {
      const candidate = numberedName(name, n);
      if (!taken.has(nameKey(candidate))) {
        taken.add(nameKey(candidate));
        out[i] = candidate;
        break;
      }
    }
  }
  return out;
}

/**
 * What the local folders a run writes into hold, by key: each folder is
 * read once per run, then kept up to date with the files the run places
 * (cleared when the queue goes idle, like the folder proofs).
 */
export class LocalNameIndex {
  private readonly dirs = new Map<string, Promise<Map<string, string>>>();

  private entries(dir: string): Promise<Map<string, string>> {
    let entries = this.dirs.get(dir);
    if (!entries) {
      entries = fsp.readdir(dir).then(
        (names) => new Map(names.map((n) => [nameKey(n), n])),
        () => new Map<string, string>(),
      );
      this.dirs.set(dir, entries);
    }
    return entries;
  }

  /**
   * The file or folder that holds `file`'s key, with its real path: the
   * name itself, or one that differs only by case or normalisation.
   */
  async find(file: string): Promise<{ path: string; stat: Stats } | null> {
    const exact = await fsp.lstat(file).catch(() => null);
    if (exact) return { path: file, stat: exact };
    const dir = path.dirname(file);
    const entries = await this.entries(dir);
    const key = nameKey(path.basename(file));
    const name = entries.get(key);
    if (name === undefined) return null;
    const other = path.join(dir, name);
    const stat = await fsp.lstat(other).catch(() => null);
    if (stat) return { path: other, stat };
    entries.delete(key);
    return null;
  }

  /** Records a name the run just placed (or found) in its folder. */
  async note(file: string): Promise<void> {
    (await this.entries(path.dirname(file))).set(nameKey(path.basename(file)), path.basename(file));
  }

  clear(): void {
    this.dirs.clear();
  }
}
