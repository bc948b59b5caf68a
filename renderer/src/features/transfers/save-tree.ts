/**
 * Browser-host folder downloads keep their tree. Main has downloaded the
 * batch into its `downloads/` folder; the page then writes the files and
 * empty folders into the folder the user chose with `showDirectoryPicker`
 * (Chromium's File System Access API), or, where that API is missing, saves
 * the tree as one `.zip`. A name already in the chosen folder is never
 * replaced: the new top-level entry gets the first free `name (n)`.
 */
import type { DownloadTreeEntry } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { saveFile } from '../../ui/save-file';
import { buildZip, type ZipEntry } from './zip-writer';

/** The parts of the File System Access API the page uses. */
export interface FolderHandle {
  readonly name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<FolderHandle>;
  getFileHandle(
    name: string,
    options?: { create?: boolean },
  ): Promise<{ createWritable(): Promise<WritableSink> }>;
}
interface WritableSink {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}
type DirectoryPicker = (options?: { mode?: 'read' | 'readwrite'; id?: string }) => Promise<FolderHandle>;

/** `showDirectoryPicker` when the browser has it (Chromium), else null. */
export function directoryPicker(): DirectoryPicker | null {
  const picker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : null;
}

/** The "Keep both" name: "report.pdf" → "report (2).pdf" (the engine's numbering). */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

async function taken(dir: FolderHandle, name: string): Promise<boolean> {
  for (const probe of [() => dir.getFileHandle(name), () => dir.getDirectoryHandle(name)]) {
    try {
      await probe();
      return true;
    } catch (error) {
      // TypeMismatchError: the name is there, as the other kind.
      if (error instanceof DOMException && error.name === 'TypeMismatchError') return true;
    }
  }
  return false;
}

/** A name not yet in `dir`: `name`, else `name (2)`, `name (3)`… */
export async function freeName(dir: FolderHandle, name: string): Promise<string> {
  if (!(await taken(dir, name))) return name;
  for (let n = 2; n < 10_000; n++) {
    const candidate = numberedName(name, n);
    if (!(await taken(dir, candidate))) return candidate;
  }
  throw new Error(`No free name for ${name} in the chosen folder.`);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Reads a finished download from main chunk by chunk; hands each to `sink`. */
export async function readDownload(
  itemId: number,
  sink: (bytes: Uint8Array) => Promise<void> | void,
): Promise<string> {
  let offset = 0;
  for (;;) {
    const chunk = await invoke('transfers:read-download', { itemId, offset });
    if (!chunk.ok) throw new Error(chunk.error.message);
    const bytes = fromBase64(chunk.value.data);
    if (bytes.length > 0) await sink(bytes);
    offset += bytes.length;
    if (chunk.value.eof || bytes.length === 0) return chunk.value.name;
  }
}

/** The batch's finished tree, folders before what they hold. */
export async function downloadTree(batchId: number): Promise<DownloadTreeEntry[]> {
  const tree = await invoke('transfers:download-tree', { batchId });
  if (!tree.ok) throw new Error(tree.error.message);
  return [...tree.value].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

async function folderAt(
  root: FolderHandle,
  segments: readonly string[],
  made: Map<string, FolderHandle>,
): Promise<FolderHandle> {
  let dir = root;
  for (let i = 0; i < segments.length; i++) {
    const key = segments.slice(0, i + 1).join('/');
    let next = made.get(key);
    if (!next) {
      next = await dir.getDirectoryHandle(segments[i]!, { create: true });
      made.set(key, next);
    }
    dir = next;
  }
  return dir;
}

/**
 * Writes the tree into `root`. Each top-level name of the batch that is
 * taken in `root` gets a free numbered name instead (nothing is replaced).
 * Returns the top-level names used.
 */
export async function writeTree(
  root: FolderHandle,
  entries: readonly DownloadTreeEntry[],
): Promise<string[]> {
  const tops = new Map<string, string>();
  for (const entry of entries) {
    const top = entry.relativePath.split('/')[0]!;
    if (!tops.has(top)) tops.set(top, await freeName(root, top));
  }
  const made = new Map<string, FolderHandle>();
  for (const entry of entries) {
    const segments = entry.relativePath.split('/');
    segments[0] = tops.get(segments[0]!)!;
    if (entry.folder) {
      await folderAt(root, segments, made);
      continue;
    }
    const dir = await folderAt(root, segments.slice(0, -1), made);
    const writable = await (await dir.getFileHandle(segments.at(-1)!, { create: true })).createWritable();
    try {
      await readDownload(entry.itemId, (bytes) => writable.write(bytes));
      await writable.close();
    } catch (error) {
      await writable.abort?.().catch(() => undefined);
      throw error;
    }
  }
  return [...tops.values()];
}

/** The archive's name: the one top-level folder's, else a generic one. */
export function zipName(entries: readonly DownloadTreeEntry[]): string {
  const tops = new Set(entries.map((e) => e.relativePath.split('/')[0]!));
  return tops.size === 1 ? `${[...tops][0]}.zip` : 'Portico download.zip';
}

/** Saves the tree as one `.zip` through the browser's download. */
export async function saveTreeAsZip(entries: readonly DownloadTreeEntry[]): Promise<void> {
  const zipEntries: ZipEntry[] = [];
  for (const entry of entries) {
    if (entry.folder) {
      zipEntries.push({ path: entry.relativePath });
      continue;
    }
    const data: Uint8Array[] = [];
    await readDownload(entry.itemId, (bytes) => void data.push(bytes));
    zipEntries.push({ path: entry.relativePath, data });
  }
  saveFile(zipName(entries), buildZip(zipEntries) as BlobPart[], 'application/zip');
}
