/**
 * The remote folder browser: list, create folder, rename, delete. Uses its
 * own connection from the pool's credentials, one operation at a time, so
 * browsing never waits behind the transfer queue.
 */
import { FTPError } from 'basic-ftp';
import { TransferError, classifyError } from './errors';
import type { FtpConnection } from './ftp-connection';
import type { ConnectionPool } from './connection-pool';
import { displayName, isFetchableRemoteName, isValidRemotePath, remoteJoin } from './safe-names';
import type { RemoteEntry } from './types';

/** A name the user typed for a new folder or a rename: one segment, nothing hostile. */
export function isValidNewName(name: string): boolean {
  return isFetchableRemoteName(name) && !name.includes('\\') && name.trim() === name && name.length <= 255;
}

function checkPath(remotePath: string): void {
  if (!isValidRemotePath(remotePath)) throw new TransferError('unsafe_name', 'Invalid remote path');
}

function takenError(name: string): TransferError {
  return new TransferError('unsafe_name', `A file or folder named “${displayName(name)}” already exists here. Choose another name.`);
}

/** Refuses a name the folder already holds (a fresh listing, not a cached one). */
async function refuseTaken(conn: FtpConnection, parent: string, name: string): Promise<void> {
  const entries = await conn.client.list(parent);
  if (entries.some((e) => e.name === name)) throw takenError(name);
}

export class RemoteBrowser {
  private conn: FtpConnection | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: ConnectionPool) {}

  /** Runs `work` on the browse connection (serialized; reconnects once if it dropped). */
  run<T>(work: (conn: FtpConnection) => Promise<T>): Promise<T> {
    const next = this.chain.then(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          if (!this.conn || this.conn.closed) this.conn = await this.pool.connectExtra();
          return await work(this.conn);
        } catch (error) {
          const classified = classifyError(error);
          if (this.conn?.closed) this.conn = null;
          if (attempt === 0 && classified.code === 'connection_failed') continue;
          throw classified;
        }
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Lists a folder; names are for display, `downloadable` says whether a name is safe to fetch. */
  list(remotePath: string): Promise<RemoteEntry[]> {
    checkPath(remotePath);
    return this.run(async (conn) => {
      const entries = await conn.client.list(remotePath);
      return entries
        .filter((e) => e.name !== '.' && e.name !== '..' && e.type !== 3)
        .map((e) => ({
          name: displayName(e.name),
          type: e.type === 2 ? ('dir' as const) : ('file' as const),
          size: e.size,
          modifiedAt: e.modifiedAt ? e.modifiedAt.toISOString() : null,
          downloadable: isFetchableRemoteName(e.name),
        }));
    });
  }

  createFolder(parent: string, name: string): Promise<void> {
    checkPath(parent);
    if (!isValidNewName(name)) throw new TransferError('unsafe_name', 'Invalid folder name');
    return this.run(async (conn) => {
      await refuseTaken(conn, parent, name);
      await conn.client.send(`MKD ${remoteJoin(parent, name)}`);
      this.changed(parent);
    });
  }

  /** Renames within its folder; a name already taken is refused, never replaced. */
  rename(from: string, toName: string): Promise<void> {
    checkPath(from);
    if (!isValidNewName(toName)) throw new TransferError('unsafe_name', 'Invalid name');
    const parent = from.slice(0, from.lastIndexOf('/')) || '/';
    const to = remoteJoin(parent, toName);
    return this.run(async (conn) => {
      // Servers other than the portal replace on RNTO; the portal itself refuses (553), which lands here too.
      await refuseTaken(conn, parent, toName);
      await conn.client.rename(from, to).catch((error: unknown) => {
        if (error instanceof FTPError && error.code === 553 && /already exists/i.test(error.message)) throw takenError(toName);
        throw error;
      });
      // A renamed folder moves everything below it: forget all.
      this.changed();
      this.pool.knownDirs.clear();
    });
  }

  /** Deletes a file, or a folder with everything in it. */
  delete(remotePath: string, kind: 'file' | 'dir'): Promise<void> {
    checkPath(remotePath);
    if (remotePath === '/') throw new TransferError('permission_denied', 'The root folder cannot be deleted');
    return this.run(async (conn) => {
      if (kind === 'file') await conn.client.remove(remotePath);
      else await conn.client.removeDir(remotePath);
      this.changed();
      this.pool.knownDirs.clear();
    });
  }

  /** The transfer queue must not trust what it cached about this folder. */
  private changed(dir?: string): void {
    this.pool.listings.invalidate(dir);
  }

  close(): void {
    this.conn?.close();
    this.conn = null;
  }
}
