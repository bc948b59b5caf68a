/**
 * The default FTPS file system: a folder on disk per user. Every access is
 * checked against the folder's real path so symlinks (planted by anyone with
 * shell access, or raced in) can never lead outside it, and files are opened
 * with O_NOFOLLOW.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { FtpsFsError, type FtpsEntry, type FtpsFileSystem } from './file-system';

function mapFsError(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new FtpsFsError('not_found', 'No such file or folder');
    case 'EEXIST':
      return new FtpsFsError('exists', 'Already exists');
    case 'ENOTDIR':
      return new FtpsFsError('not_a_dir', 'Not a folder');
    case 'EISDIR':
      return new FtpsFsError('not_a_file', 'Is a folder');
    case 'ENOTEMPTY':
      return new FtpsFsError('not_empty', 'Folder not empty');
    case 'ENOSPC':
    case 'EDQUOT':
      return new FtpsFsError('no_space', 'No space left');
    case 'ELOOP':
    case 'EACCES':
    case 'EPERM':
      return new FtpsFsError('forbidden', 'Not allowed');
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapFsError(error);
  }
}

/** How long a folder's proven real path is trusted (see `JailedFileSystem.proven`). */
export const PROVEN_FOLDER_MS = 1000;

/** A user's folder on disk, as an {@link FtpsFileSystem}. */
export class JailedFileSystem implements FtpsFileSystem {
  private rootReal: string | null = null;
  /**
   * Folders whose real path was proven inside the root a moment ago → until
   * when that proof is reused. A small-file upload touches its folder 4–5
   * times (STOR, SIZE/HASH, RNFR, RNTO) within milliseconds; one `realpath`
   * per folder and second instead of one per command. Our own renames and
   * removals forget everything, so only a change made outside FTPS could
   * go unnoticed, and only for {@link PROVEN_FOLDER_MS}.
   */
  private readonly proven = new Map<string, number>();

  constructor(private readonly root: string) {}

  private async realRoot(): Promise<string> {
    this.rootReal ??= await fsp.realpath(this.root);
    return this.rootReal;
  }

  /**
   * Maps a virtual path to a real one and proves it stays inside the root:
   * the real path of the nearest existing folder must be the root or below
   * it. The last component is never followed if it is a symlink: callers
   * open with O_NOFOLLOW or lstat it.
   */
  private async real(virtualPath: string): Promise<string> {
    const root = await this.realRoot();
    const segments = virtualPath.split('/').filter(Boolean);
    const candidate = path.join(root, ...segments);
    if (segments.length === 0) return root;
    let probe = path.dirname(candidate);
    const now = Date.now();
    if ((this.proven.get(probe) ?? 0) > now) return candidate;
    for (;;) {
      try {
        const resolved = probe === root ? root : await fsp.realpath(probe);
        if (resolved !== root && !resolved.startsWith(root + path.sep)) {
          throw new FtpsFsError('forbidden', 'Path leaves your folder');
        }
        if (probe === path.dirname(candidate)) {
          if (this.proven.size >= 256) this.proven.clear();
          this.proven.set(probe, now + PROVEN_FOLDER_MS);
        }
        return candidate;
      } catch (error) {
        if (error instanceof FtpsFsError) throw error;
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || probe === root) throw mapFsError(error);
        probe = path.dirname(probe);
      }
    }
  }

  /** lstat that refuses symlinks (they are never served). */
  private async lstatNoLink(real: string) {
    const st = await fsp.lstat(real);
    if (st.isSymbolicLink()) throw new FtpsFsError('forbidden', 'Symbolic links are not served');
    return st;
  }

  async stat(virtualPath: string): Promise<FtpsEntry> {
    const real = await this.real(virtualPath);
    return guard(async () => {
      const st = await this.lstatNoLink(real);
      return {
        name: path.basename(real),
        type: st.isDirectory() ? 'dir' : 'file',
        size: st.isDirectory() ? 0 : st.size,
        modifiedAt: st.mtime,
      };
    });
  }

  async list(virtualPath: string): Promise<FtpsEntry[]> {
    const real = await this.real(virtualPath);
    return guard(async () => {
      await this.lstatNoLink(real);
      const dirents = await fsp.readdir(real, { withFileTypes: true });
      const entries: FtpsEntry[] = [];
      for (const d of dirents) {
        // Symlinks and special files are hidden: they are never served.
        if (!d.isFile() && !d.isDirectory()) continue;
        try {
          const st = await fsp.lstat(path.join(real, d.name));
          entries.push({
            name: d.name,
            type: d.isDirectory() ? 'dir' : 'file',
            size: d.isDirectory() ? 0 : st.size,
            modifiedAt: st.mtime,
          });
        } catch {
          // Deleted between readdir and lstat: leave it out.
        }
      }
      return entries;
    });
  }

  async openRead(virtualPath: string, start: number): Promise<Readable> {
    const real = await this.real(virtualPath);
    return guard(async () => {
      const handle = await fsp.open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
      const st = await handle.stat();
      if (!st.isFile()) {
        await handle.close();
        throw new FtpsFsError('not_a_file', 'Not a file');
      }
      return createReadStream('', { fd: handle, start, highWaterMark: 256 * 1024 });
    });
  }

  async openWrite(virtualPath: string, options: { start?: number; append?: boolean }): Promise<Writable> {
    const real = await this.real(virtualPath);
    return guard(async () => {
      let flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW;
      if (options.append) flags |= constants.O_APPEND;
      else if (!options.start) flags |= constants.O_TRUNC;
      const handle = await fsp.open(real, flags, 0o644);
      if (options.start) await handle.truncate(options.start);
      const stream = createWriteStream('', {
        fd: handle,
        start: options.append ? undefined : (options.start ?? 0),
        highWaterMark: 256 * 1024,
      });
      return stream;
    });
  }

  async mkdir(virtualPath: string): Promise<void> {
    const real = await this.real(virtualPath);
    await guard(() => fsp.mkdir(real));
  }

  async rmdir(virtualPath: string): Promise<void> {
    if (virtualPath === '/') throw new FtpsFsError('forbidden', 'Cannot remove your root folder');
    this.proven.clear();
    const real = await this.real(virtualPath);
    await guard(async () => {
      await this.lstatNoLink(real);
      await fsp.rmdir(real);
    });
  }

  async delete(virtualPath: string): Promise<void> {
    const real = await this.real(virtualPath);
    await guard(async () => {
      const st = await fsp.lstat(real);
      if (st.isDirectory()) throw new FtpsFsError('not_a_file', 'Is a folder');
      await fsp.unlink(real);
    });
  }

  async rename(from: string, to: string): Promise<void> {
    if (from === '/' || to === '/') throw new FtpsFsError('forbidden', 'Cannot rename your root folder');
    // A renamed folder moves what was proven below it.
    this.proven.clear();
    const [a, b] = [await this.real(from), await this.real(to)];
    await guard(async () => {
      // Renaming a symlink is harmless, but renaming over a folder is refused like vsftpd does.
      await fsp.rename(a, b);
    });
  }

  async sha256(virtualPath: string): Promise<string> {
    const stream = await this.openRead(virtualPath, 0);
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }
}
