/**
 * Reaching a path inside a jail root without following a symlink anywhere
 * on the way, checked at the moment of use, with nothing cached (a cached
 * proof that a folder is inside the root can be beaten by swapping the
 * folder for a symlink while the proof still holds).
 *
 * Node has no `openat`, so on Linux the walk opens each folder component
 * with `O_DIRECTORY | O_NOFOLLOW` through the previous folder's descriptor
 * (`/proc/self/fd/<fd>/<name>`): the kernel resolves that prefix to the very
 * folder already opened, wherever it has moved since, and refuses a symlink
 * in the component (`ELOOP`). The operation itself then runs on
 * `/proc/self/fd/<parent>/<last>`; callers never follow the last component
 * (they open with `O_NOFOLLOW`, `lstat`, `unlink`, `rename`, `mkdir`).
 *
 * Where `/proc/self/fd` is missing (macOS, BSD) each component is `lstat`ed
 * right before use instead: symlinks are still refused on every call, but a
 * swap between that check and the operation is not excluded there.
 *
 * The root itself is trusted (it is the real path of the user's folder, in a
 * directory only the server writes), so the first component is opened by
 * its full path and a file directly in the root needs no extra system call.
 */
import { closeSync, constants, existsSync, openSync, promises as fsp } from 'node:fs';
import path from 'node:path';

const viaDescriptors = process.platform === 'linux' && existsSync('/proc/self/fd');

/** A folder reached without following links, as a path usable until `release()`. */
export interface HeldDir {
  /** Path naming the folder itself (a `/proc/self/fd/<fd>` path on Linux). */
  path: string;
  /** Path of an entry of the folder. */
  entry(name: string): string;
  release(): Promise<void>;
}

function refuseOddSegments(segments: string[]): void {
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\0')) {
      throw Object.assign(new Error('Bad path segment'), { code: 'EACCES' });
    }
  }
}

/**
 * Opens `root/<segments...>` as a folder, refusing a symlink in any
 * component. Errors are the system's (`ELOOP`, `ENOENT`, `ENOTDIR`, …).
 */
export async function holdDir(root: string, segments: string[]): Promise<HeldDir> {
  refuseOddSegments(segments);
  if (segments.length === 0) {
    return { path: root, entry: (name) => path.join(root, name), release: async () => undefined };
  }
  if (!viaDescriptors) return holdByLstat(root, segments);
  const flags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
  // Synchronous on purpose: opening a folder is a metadata lookup of a few
  // microseconds, far less than the thread-pool round trip an async open
  // costs, and a small upload walks its folder three times (STOR, RNFR, RNTO).
  let fd = openSync(path.join(root, segments[0]!), flags);
  try {
    for (const segment of segments.slice(1)) {
      const next = openSync(`/proc/self/fd/${fd}/${segment}`, flags);
      closeSync(fd);
      fd = next;
    }
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const dir = `/proc/self/fd/${fd}`;
  const held = fd;
  let open = true;
  const release = async () => {
    if (open) closeSync(held);
    open = false;
  };
  return { path: dir, entry: (name) => `${dir}/${name}`, release };
}

/** The walk without `/proc/self/fd` (exported for its test, which runs on Linux). */
export async function holdByLstat(root: string, segments: string[]): Promise<HeldDir> {
  refuseOddSegments(segments);
  let current = root;
  for (const segment of segments) {
    current = path.join(current, segment);
    const st = await fsp.lstat(current);
    if (st.isSymbolicLink()) throw Object.assign(new Error('Symbolic link in path'), { code: 'ELOOP' });
    if (!st.isDirectory()) throw Object.assign(new Error('Not a folder'), { code: 'ENOTDIR' });
  }
  const dir = current;
  return { path: dir, entry: (name) => path.join(dir, name), release: async () => undefined };
}

/** Runs `work` with `root/<segments...>` held as a folder, releasing it afterwards. */
export async function withDir<T>(root: string, segments: string[], work: (dir: HeldDir) => Promise<T>): Promise<T> {
  const dir = await holdDir(root, segments);
  try {
    return await work(dir);
  } finally {
    await dir.release();
  }
}
