/**
 * The default FTPS file system: a folder on disk per user. No symlink is
 * ever followed, on any component of a path: folders are walked with
 * `O_NOFOLLOW` at the moment of every command (`no-follow.ts`), with no
 * cached proof a swapped symlink could beat, and the last component is
 * opened with `O_NOFOLLOW` or `lstat`ed. Symlinks are never listed or served.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { FtpsFsError, type FtpsEntry, type FtpsFileSystem } from './file-system';
import { withDir } from './no-follow';

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

/** A user's folder on disk, as an {@link FtpsFileSystem}. */
export class JailedFileSystem implements FtpsFileSystem {
  private rootReal: string | null = null;

  constructor(private readonly root: string) {}

  private async realRoot(): Promise<string> {
    this.rootReal ??= await fsp.realpath(this.root);
    return this.rootReal;
  }

  /**
   * Runs `work` on the last component of `virtualPath` inside its parent
   * folder, held without following links (`no-follow.ts`). For the root
   * itself, `name` is null and `target` is the root. File-system errors come
   * out as {@link FtpsFsError}s.
   */
  private async inParent<T>(
    virtualPath: string,
    work: (target: string, name: string | null) => Promise<T>,
  ): Promise<T> {
    const root = await this.realRoot();
    const segments = virtualPath.split('/').filter(Boolean);
    const name = segments.pop() ?? null;
    return guard(() => withDir(root, segments, (dir) => work(name === null ? dir.path : dir.entry(name), name)));
  }

  /** lstat that refuses symlinks (they are never served). */
  private async lstatNoLink(real: string) {
    const st = await fsp.lstat(real);
    if (st.isSymbolicLink()) throw new FtpsFsError('forbidden', 'Symbolic links are not served');
    return st;
  }

  async stat(virtualPath: string): Promise<FtpsEntry> {
    const root = await this.realRoot();
    return this.inParent(virtualPath, async (target, name) => {
      const st = await this.lstatNoLink(target);
      return {
        name: name ?? path.basename(root),
        type: st.isDirectory() ? 'dir' : 'file',
        size: st.isDirectory() ? 0 : st.size,
        modifiedAt: st.mtime,
      };
    });
  }

  async list(virtualPath: string): Promise<FtpsEntry[]> {
    const root = await this.realRoot();
    const segments = virtualPath.split('/').filter(Boolean);
    return guard(() =>
      withDir(root, segments, async (dir) => {
        const dirents = await fsp.readdir(dir.path, { withFileTypes: true });
        const entries: FtpsEntry[] = [];
        for (const d of dirents) {
          // Symlinks and special files are hidden: they are never served.
          if (!d.isFile() && !d.isDirectory()) continue;
          try {
            const st = await fsp.lstat(dir.entry(d.name));
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
      }),
    );
  }

  async openRead(virtualPath: string, start: number): Promise<Readable> {
    return this.inParent(virtualPath, async (target) => {
      const handle = await fsp.open(target, constants.O_RDONLY | constants.O_NOFOLLOW);
      const st = await handle.stat();
      if (!st.isFile()) {
        await handle.close();
        throw new FtpsFsError('not_a_file', 'Not a file');
      }
      return createReadStream('', { fd: handle, start, highWaterMark: 256 * 1024 });
    });
  }

  async openWrite(virtualPath: string, options: { start?: number; append?: boolean }): Promise<Writable> {
    return this.inParent(virtualPath, async (target) => {
      let flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW;
      if (options.append) flags |= constants.O_APPEND;
      else if (!options.start) flags |= constants.O_TRUNC;
      const handle = await fsp.open(target, flags, 0o644);
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
    await this.inParent(virtualPath, (target) => fsp.mkdir(target));
  }

  async rmdir(virtualPath: string): Promise<void> {
    if (virtualPath === '/') throw new FtpsFsError('forbidden', 'Cannot remove your root folder');
    await this.inParent(virtualPath, async (target) => {
      await this.lstatNoLink(target);
      await fsp.rmdir(target);
    });
  }

  async delete(virtualPath: string): Promise<void> {
    await this.inParent(virtualPath, async (target) => {
      const st = await fsp.lstat(target);
      if (st.isDirectory()) throw new FtpsFsError('not_a_file', 'Is a folder');
      await fsp.unlink(target);
    });
  }

  async rename(from: string, to: string, options: { replace?: boolean } = {}): Promise<void> {
    if (from === '/' || to === '/') throw new FtpsFsError('forbidden', 'Cannot rename your root folder');
    // Renaming a symlink is harmless (rename never follows the last
    // component), but renaming over a folder is refused like vsftpd does.
    const move = options.replace ? (source: string, target: string) => fsp.rename(source, target) : renameNoReplace;
    const [a, b] = [from.split('/').filter(Boolean), to.split('/').filter(Boolean)];
    const root = await this.realRoot();
    if (a.length === b.length && a.slice(0, -1).every((s, i) => s === b[i])) {
      // One folder (an upload's part renamed to its final name): hold it once.
      const [fromName, toName] = [a.at(-1)!, b.at(-1)!];
      await guard(() => withDir(root, a.slice(0, -1), (dir) => move(dir.entry(fromName), dir.entry(toName))));
      return;
    }
    await this.inParent(from, (source) => this.inParent(to, (target) => move(source, target)));
  }

  async sha256(virtualPath: string): Promise<string> {
    const stream = await this.openRead(virtualPath, 0);
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }
}

/**
 * Renames without ever replacing what is at `target`. A file moves by a hard
 * link (which fails with EEXIST atomically, however many clients race) and
 * then drops its old name; a folder is checked first, and rename(2) itself
 * refuses a non-empty folder or a file in the way, so nothing is lost.
 */
async function renameNoReplace(source: string, target: string): Promise<void> {
  const st = await fsp.lstat(source);
  if (!st.isDirectory()) {
    try {
      await fsp.link(source, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A file system without hard links: fall back to check, then rename.
      if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      await refuseExisting(target);
      await fsp.rename(source, target);
      return;
    }
    await fsp.unlink(source);
    return;
  }
  await refuseExisting(target);
  await fsp.rename(source, target);
}

async function refuseExisting(target: string): Promise<void> {
  const found = await fsp.lstat(target).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (found) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
}
