/**
 * Browser-host uploads: the page has `File` objects but no local paths, so
 * it streams their bytes to main (`transfers:upload-begin` → `-chunk`… →
 * `-end`), which stages them and queues one batch. In Electron the desktop
 * shell can instead pass real paths (`transfers:upload-paths`, from
 * `webUtils.getPathForFile` in the preload or a native dialog).
 */
import type { ConflictPolicy, EnqueueResult } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

/** Raw bytes per chunk: each travels as one binary WebSocket frame (main's limit is 1 MiB). */
const CHUNK_BYTES = 1024 * 1024;
/** Chunks on their way at once: the socket stays busy while main writes (the transport also waits on `bufferedAmount`). */
const CHUNKS_IN_FLIGHT = 8;
/** Files per upload call (main's limit is 5000). */
const FILES_PER_UPLOAD = 2000;

/** A file and where it goes below the target folder (`folder/sub/name.txt`). */
export interface PickedFile {
  file: File;
  relativePath: string;
  /** An empty dropped folder (`file` is a placeholder): created remotely so the structure is kept. */
  folder?: boolean;
}

/** Told the bytes main has staged so far, of all the files' bytes. */
export type StagingProgress = (staged: number, total: number) => void;

/** Streams the files to main and queues them; one batch per group of files. */
export async function uploadFiles(
  dropped: PickedFile[],
  remoteDir: string,
  conflict: ConflictPolicy = 'ask',
  progress: StagingProgress = () => {},
): Promise<EnqueueResult[]> {
  const results: EnqueueResult[] = [];
  const total = dropped.reduce((sum, f) => sum + (f.folder ? 0 : f.file.size), 0);
  let staged = 0;
  progress(0, total);
  const files = dropped.filter((f) => !f.folder);
  // Empty folders travel with the first group (main's limit is 5000 of each).
  const empty = dropped.filter((f) => f.folder).map((f) => f.relativePath);
  let folders: string[] | null = empty.length ? empty.slice(0, FILES_PER_UPLOAD) : null;
  for (let start = 0; start < files.length || folders !== null; start += FILES_PER_UPLOAD) {
    const group = files.slice(start, start + FILES_PER_UPLOAD);
    const begun = await invoke('transfers:upload-begin', {
      remoteDir,
      conflict,
      files: group.map((f) => ({ relativePath: f.relativePath, size: f.file.size, lastModified: Math.max(0, Math.floor(f.file.lastModified || 0)) })),
      ...(folders ? { folders } : {}),
    });
    folders = null;
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.value;
    try {
      const inFlight: Array<Promise<void>> = [];
      for (const [fileIndex, picked] of group.entries()) {
        for (let offset = 0; offset < picked.file.size; offset += CHUNK_BYTES) {
          const bytes = new Uint8Array(await picked.file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
          const answered = invoke('transfers:upload-chunk', { uploadId, fileIndex, offset, data: bytes }).then((sent) => {
            if (!sent.ok) throw new Error(sent.error.message);
            staged += bytes.length;
            progress(staged, total);
          });
          // Seen by the awaits below; this only keeps a later refusal from counting as unhandled meanwhile.
          answered.catch(() => undefined);
          inFlight.push(answered);
          if (inFlight.length >= CHUNKS_IN_FLIGHT) await inFlight.shift();
        }
      }
      // Every chunk answered (a refusal fails the upload) before the end is asked for.
      await Promise.all(inFlight.splice(0));
      const ended = await invoke('transfers:upload-end', { uploadId });
      if (!ended.ok) throw new Error(ended.error.message);
      results.push(ended.value);
    } catch (error) {
      await invoke('transfers:upload-abort', { uploadId });
      throw error;
    }
  }
  return results;
}

/** Minimal shape of the (non-standard) File System entries a drop exposes. */
interface DropEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(success: (file: File) => void, failure: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: DropEntry[]) => void, failure: (error: unknown) => void): void };
}

async function walkEntry(entry: DropEntry, prefix: string, out: PickedFile[], depth: number): Promise<void> {
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
    out.push({ file, relativePath: `${prefix}${entry.name}` });
  } else if (entry.isDirectory && entry.createReader && depth < 64) {
    const reader = entry.createReader();
    let empty = true;
    // readEntries answers in batches until it returns an empty list.
    for (;;) {
      const batch = await new Promise<DropEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) {
        if (empty) out.push({ file: new File([], entry.name), relativePath: `${prefix}${entry.name}`, folder: true });
        break;
      }
      empty = false;
      for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out, depth + 1);
    }
  }
}

/**
 * Collects what was dropped, folders included (their structure kept). The
 * entries must be taken during the drop event itself, so call this
 * synchronously from the handler and await the promise afterwards.
 */
export function filesFromDrop(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries: DropEntry[] = [];
  const plain: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = (item as DataTransferItem & { webkitGetAsEntry?(): DropEntry | null }).webkitGetAsEntry?.() ?? null;
    if (entry?.isDirectory) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plain.push(file);
    }
  }
  if (transfer.items.length === 0) plain.push(...Array.from(transfer.files));
  return (async () => {
    const out: PickedFile[] = plain.map((file) => ({ file, relativePath: file.name }));
    for (const entry of entries) await walkEntry(entry, '', out, 0);
    return out;
  })();
}

/** Files from an `<input type=file>` (a folder input keeps `webkitRelativePath`). */
export function filesFromInput(list: FileList): PickedFile[] {
  return Array.from(list).map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}
