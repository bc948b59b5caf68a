/**
 * The file system an FTPS session sees. Paths given to it are *virtual*:
 * absolute, POSIX, normalized, and already clamped to the user's root by
 * `resolveVirtualPath`, so an implementation only has to map them into its
 * own storage without following anything out of it.
 */
import type { Readable, Writable } from 'node:stream';

/** One directory entry as listings and `SIZE`/`MDTM` report it. */
export interface FtpsEntry {
  name: string;
  type: 'file' | 'dir';
  size: number;
  modifiedAt: Date;
}

/** Error a file system raises; `code` picks the FTP reply. */
export class FtpsFsError extends Error {
  constructor(
    readonly code:
      'not_found' | 'exists' | 'not_a_file' | 'not_a_dir' | 'not_empty' | 'forbidden' | 'no_space',
    message: string,
  ) {
    super(message);
    this.name = 'FtpsFsError';
  }
}

/** Storage behind one signed-in FTPS user. */
export interface FtpsFileSystem {
  stat(path: string): Promise<FtpsEntry>;
  list(path: string): Promise<FtpsEntry[]>;
  /** Opens a file for reading from byte `start`. */
  openRead(path: string, start: number): Promise<Readable>;
  /** Opens a file for writing: truncate (default), write from `start` (REST), or append (APPE). */
  openWrite(path: string, options: { start?: number; append?: boolean }): Promise<Writable>;
  mkdir(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  delete(path: string): Promise<void>;
  /** Refuses (`exists`) when `to` is taken, unless `replace` is set. */
  rename(from: string, to: string, options?: { replace?: boolean }): Promise<void>;
  /** SHA-256 of the whole file as lowercase hex. */
  sha256(path: string): Promise<string>;
}

/** Characters never accepted in a path argument: NUL and line breaks. */
const FORBIDDEN_CHARS = /[\0\r\n]/;

/**
 * Resolves a client-supplied path against the session's working directory.
 * The result is absolute within the user's jail: `..` can never climb above
 * `/`, and absolute client paths mean "from the jail root". Returns null for
 * arguments that are never legitimate (NUL, CR/LF, backslashes as separators).
 */
export function resolveVirtualPath(cwd: string, arg: string): string | null {
  if (FORBIDDEN_CHARS.test(arg) || arg.includes('\\') || arg.length > 4096) return null;
  const joined = arg.startsWith('/') ? arg : `${cwd}/${arg}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Last segment of a virtual path ('' for the root). */
export function baseName(virtualPath: string): string {
  return virtualPath.slice(virtualPath.lastIndexOf('/') + 1);
}
