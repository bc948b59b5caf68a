/**
 * Upload staging for the browser host: a page has `File` objects but no
 * local paths, so it streams their bytes to main in chunks
 * (`transfers:upload-begin` → `-chunk`… → `-end`). Main writes them under
 * `<engine data dir>/staging/<uploadId>/` keeping the dropped folders'
 * structure, then the engine uploads them like any local files.
 *
 * Staging lives in the per-user data folder rather than the OS temp dir so
 * a queue that survives a restart still finds its source files. A staging
 * folder is removed once its batch finished without failures (failed items
 * keep their source, so *Retry failed* still works).
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ConflictPolicy, UploadBeginRequest, UploadChunk } from '../../../common/contract';
import { PortalError } from '../core/errors';
import { safeJoin, toSafeLocalName } from './engine';

/** Uploads one page may have open at once. */
const MAX_OPEN_UPLOADS = 16;

interface StagedFile {
  path: string;
  size: number;
  written: number;
  lastModified: number;
  handle: fsp.FileHandle | null;
}

interface Staging {
  dir: string;
  remoteDir: string;
  conflict: ConflictPolicy;
  files: StagedFile[];
  /** Top-level entries to enqueue (files or folders). */
  roots: string[];
  /** Chunks are written one after another per upload. */
  chain: Promise<unknown>;
}

/** What `finish` hands to the engine. */
export interface StagedUpload {
  dir: string;
  localPaths: string[];
  remoteDir: string;
  conflict: ConflictPolicy;
}

function invalid(message: string): PortalError {
  return new PortalError('invalid_request', message);
}

/** Staging areas of one signed-in user. */
export class UploadStaging {
  private readonly open = new Map<string, Staging>();

  constructor(private readonly root: string) {}

  /** Creates the staging folder and an empty file per announced file. */
  async begin(request: UploadBeginRequest): Promise<{ uploadId: string }> {
    if (this.open.size >= MAX_OPEN_UPLOADS) throw new PortalError('rate_limited', 'Too many uploads are being prepared at once.');
    const uploadId = randomBytes(18).toString('base64url');
    const dir = path.join(this.root, uploadId);
    const files: StagedFile[] = [];
    const roots = new Set<string>();
    const seen = new Set<string>();
    for (const spec of request.files) {
      // Each segment made safe for this OS (reserved names, trailing dots); the join is checked to stay inside.
      const segments = spec.relativePath.split('/').map((s) => toSafeLocalName(s));
      if (segments.some((s) => s === null)) throw invalid('A file name is not safe to use.');
      const target = safeJoin(dir, segments as string[]);
      if (!target || seen.has(target.toLowerCase())) throw invalid('A file name is not safe to use or appears twice.');
      seen.add(target.toLowerCase());
      roots.add(path.join(dir, segments[0]!));
      files.push({ path: target, size: spec.size, written: 0, lastModified: spec.lastModified, handle: null });
    }
    // Empty dropped folders: created in the staging, so the upload finds (and creates) them.
    const folders: string[] = [];
    for (const relativePath of request.folders ?? []) {
      const segments = relativePath.split('/').map((s) => toSafeLocalName(s));
      if (segments.some((s) => s === null)) throw invalid('A folder name is not safe to use.');
      const target = safeJoin(dir, segments as string[]);
      if (!target || seen.has(target.toLowerCase())) throw invalid('A folder name is not safe to use or appears twice.');
      seen.add(target.toLowerCase());
      roots.add(path.join(dir, segments[0]!));
      folders.push(target);
    }
    for (const root of roots) {
      if (files.some((f) => f.path === root) && files.some((f) => f.path.startsWith(root + path.sep))) throw invalid('A file and a folder share a name.');
    }
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      for (const folder of folders) await fsp.mkdir(folder, { recursive: true, mode: 0o700 });
      for (const file of files) {
        await fsp.mkdir(path.dirname(file.path), { recursive: true, mode: 0o700 });
        await fsp.writeFile(file.path, new Uint8Array(0), { mode: 0o600, flag: 'wx' });
      }
    } catch (error) {
      await fsp.rm(dir, { recursive: true, force: true });
      throw error;
    }
    this.open.set(uploadId, { dir, remoteDir: request.remoteDir, conflict: request.conflict, files, roots: [...roots], chain: Promise.resolve() });
    return { uploadId };
  }

  /** Appends one chunk; chunks of a file must arrive in order. */
  chunk(chunk: UploadChunk): Promise<void> {
    const staging = this.open.get(chunk.uploadId);
    if (!staging) return Promise.reject(invalid('This upload is not open.'));
    const next = staging.chain.then(async () => {
      const file = staging.files[chunk.fileIndex];
      if (!file) throw invalid('No such file in this upload.');
      const bytes = typeof chunk.data === 'string' ? Buffer.from(chunk.data, 'base64') : chunk.data;
      if (chunk.offset !== file.written) throw invalid('Chunks must arrive in order.');
      if (file.written + bytes.length > file.size) throw invalid('More bytes than announced.');
      file.handle ??= await fsp.open(file.path, 'r+');
      await file.handle.write(bytes, 0, bytes.length, file.written);
      file.written += bytes.length;
      if (file.written === file.size) await this.closeFile(file);
    });
    staging.chain = next.catch(() => undefined);
    return next;
  }

  /** Checks every byte arrived and hands the staged files over (the staging stays until `remove`). */
  async finish(uploadId: string): Promise<StagedUpload> {
    const staging = this.open.get(uploadId);
    if (!staging) throw invalid('This upload is not open.');
    await staging.chain;
    if (staging.files.some((f) => f.written !== f.size)) throw invalid('Some files did not arrive completely.');
    for (const file of staging.files) {
      await this.closeFile(file);
      // Keep the page's modification time so "overwrite if newer" compares the real dates.
      const when = new Date(file.lastModified);
      await fsp.utimes(file.path, when, when).catch(() => undefined);
    }
    this.open.delete(uploadId);
    return { dir: staging.dir, localPaths: staging.roots, remoteDir: staging.remoteDir, conflict: staging.conflict };
  }

  /** Drops an upload the page gave up on. */
  async abort(uploadId: string): Promise<void> {
    const staging = this.open.get(uploadId);
    if (!staging) return;
    this.open.delete(uploadId);
    await staging.chain;
    for (const file of staging.files) await this.closeFile(file);
    await fsp.rm(staging.dir, { recursive: true, force: true });
  }

  /** Removes a finished staging folder (only folders directly under our root). */
  async remove(dir: string): Promise<void> {
    if (path.dirname(dir) !== this.root) return;
    await fsp.rm(dir, { recursive: true, force: true });
  }

  /** Aborts everything still open (sign-out, shutdown). */
  async close(): Promise<void> {
    for (const id of [...this.open.keys()]) await this.abort(id);
  }

  private async closeFile(file: StagedFile): Promise<void> {
    const handle = file.handle;
    file.handle = null;
    await handle?.close();
  }
}
