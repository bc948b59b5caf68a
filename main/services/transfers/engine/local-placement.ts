/**
 * The local side of a download: folders proven inside the batch's root,
 * the part file opened without following links, the finished part given
 * its final name without replacing anything the user did not choose to
 * replace, and the check that the file under that name is the server's.
 */
import { createHash } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { TransferError } from './errors';
import type { LocalNameIndex } from './local-names';
import { numberedName } from './numbered-name';
import { isInside } from './safe-names';

/**
 * Creates the folder and proves (by real path, so through symlinks) it is
 * inside the root. `done` remembers folders already proven in this run: a
 * thousand small files in one folder need the walk once, not a thousand times.
 */
export async function prepareFolder(root: string, dir: string, done: Set<string>): Promise<void> {
  const key = `${root}\0${dir}`;
  if (done.has(key)) return;
  await walkFolder(root, dir);
  done.add(key);
}

async function walkFolder(root: string, dir: string): Promise<void> {
  await fsp.mkdir(root, { recursive: true });
  const realRoot = await fsp.realpath(root);
  // Walk down from the root so no symlinked component can lead elsewhere.
  const rel = path.relative(root, dir);
  let current = realRoot;
  for (const part of rel ? rel.split(path.sep) : []) {
    current = path.join(current, part);
    try {
      await fsp.mkdir(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const st = await fsp.lstat(current);
    if (!st.isDirectory()) throw new TransferError('unsafe_name', 'A folder on the way is a link or a file');
  }
  if (!isInside(realRoot, await fsp.realpath(dir)))
    throw new TransferError('unsafe_name', 'Target is outside the chosen folder');
}

/** The first `name (n).ext` beside `target` whose key nothing in the folder holds. */
export async function freeLocalName(target: string, names: LocalNameIndex): Promise<string> {
  const dir = path.dirname(target);
  const name = path.basename(target);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, numberedName(name, n));
    if (!(await names.find(candidate))) return candidate;
  }
  throw new TransferError('internal', 'No free name for the renamed copy');
}

/**
 * Opens the part file without following a planted symlink: a new part
 * (`fresh`) must not exist yet, an old one is truncated to `offset`'s
 * start (0) or kept for appending.
 */
export async function openPart(part: string, offset: number, fresh: boolean) {
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    constants.O_NOFOLLOW |
    (fresh ? constants.O_EXCL : offset > 0 ? 0 : constants.O_TRUNC);
  try {
    return await fsp.open(part, flags, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new TransferError('unsafe_name', 'The part file is a link');
    throw error;
  }
}

/** Errors of file systems without hard links (FAT, exFAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV', 'EINVAL']);

/**
 * Gives the part its final name. Unless `replace`, a taken name is left as
 * it is and false is returned: a hard link fails on a taken name (also one
 * differing only by case on a case-insensitive disk), where a rename would
 * silently replace it. Without hard links the name is checked right before
 * the rename.
 */
export async function placeFile(part: string, target: string, replace: boolean): Promise<boolean> {
  if (replace) {
    await fsp.rename(part, target);
    return true;
  }
  try {
    await fsp.link(part, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw error;
    if (await fsp.lstat(target).catch(() => null)) return false;
    await fsp.rename(part, target);
    return true;
  }
  await fsp.rm(part, { force: true });
  return true;
}

/**
 * Reads the file under its final name back (streamed, links not followed)
 * and checks it against the server: its SHA-256 where the server hashes,
 * otherwise its size. This, not the stream, is what `verified` means.
 */
export async function checkOnDisk(
  target: string,
  remoteSize: number,
  remoteHex: string | null,
): Promise<void> {
  const handle = await fsp.open(target, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  if (!handle) throw new TransferError('verify_failed', 'The saved file is gone or was replaced by a link');
  try {
    const st = await handle.stat();
    if (!st.isFile() || st.size !== remoteSize)
      throw new TransferError(
        'verify_failed',
        `The saved file has ${st.size} bytes; the server's has ${remoteSize}`,
      );
    if (remoteHex === null) return;
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 }))
      hash.update(chunk as Buffer);
    if (hash.digest('hex') !== remoteHex)
      throw new TransferError('verify_failed', "The saved file does not match the server's SHA-256");
  } finally {
    await handle.close();
  }
}
