/**
 * Expands what the user dropped or picked into queue items: local folders
 * are walked (structure kept), remote folders are listed recursively with
 * every server-supplied name treated as hostile.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { FtpConnection } from './ftp-connection';
import { isFetchableRemoteName, remoteJoin, safeJoin, toSafeLocalName, displayName } from './safe-names';
import { distinctNames } from './local-names';
import type { TransferItem } from './types';

/** An item before it gets an id and a batch. */
export type ItemSpec = Pick<TransferItem, 'localPath' | 'remotePath' | 'size' | 'folder'> & { error?: TransferItem['error'] };

const MAX_DEPTH = 64;

function unsafe(localPath: string, remotePath: string, message: string): ItemSpec {
  return { localPath, remotePath, size: -1, error: { code: 'unsafe_name', message } };
}

/** Local files and folders → upload specs under `remoteDir`. Symlinked folders are not followed. */
export async function collectUploads(localPaths: string[], remoteDir: string, out: ItemSpec[] = []): Promise<ItemSpec[]> {
  const walk = async (local: string, remote: string, depth: number): Promise<void> => {
    const st = await fsp.lstat(local).catch(() => null);
    if (!st) {
      out.push({ localPath: local, remotePath: remote, size: -1, error: { code: 'source_missing', message: 'The local file no longer exists' } });
      return;
    }
    if (st.isDirectory()) {
      if (depth >= MAX_DEPTH) return;
      const names = (await fsp.readdir(local)).sort();
      // An empty folder is an item of its own, or the tree would lose it.
      if (names.length === 0) out.push({ localPath: local, remotePath: remote, size: 0, folder: true });
      for (const name of names) await walk(path.join(local, name), remoteJoin(remote, name), depth + 1);
      return;
    }
    const name = path.basename(local);
    if (/[\0\r\n/]/.test(name)) {
      out.push(unsafe(local, remote, 'This file name cannot be sent over FTP'));
      return;
    }
    const real = st.isSymbolicLink() ? await fsp.stat(local).catch(() => null) : st;
    if (real?.isFile()) out.push({ localPath: local, remotePath: remote, size: real.size });
  };
  for (const local of localPaths) await walk(path.resolve(local), remoteJoin(remoteDir, path.basename(local)), 0);
  return out;
}

/**
 * Remote files and folders → download specs under `localDir`. Names that
 * cannot be fetched safely become failed items (`unsafe_name`); the others
 * get sanitized local names that can never leave `localDir`.
 */
export async function collectDownloads(conn: FtpConnection, remotePaths: string[], localDir: string, out: ItemSpec[] = []): Promise<ItemSpec[]> {
  const walk = async (remote: string, localSegments: string[], isDir: boolean, size: number, depth: number): Promise<void> => {
    const local = safeJoin(localDir, localSegments);
    if (!local) {
      out.push(unsafe(localDir, remote, 'Unsafe name'));
      return;
    }
    if (!isDir) {
      out.push({ localPath: local, remotePath: remote, size });
      return;
    }
    if (depth >= MAX_DEPTH) return;
    const entries = await conn.client.list(remote);
    if (!entries.some((e) => e.name !== '.' && e.name !== '..')) out.push({ localPath: local, remotePath: remote, size: 0, folder: true });
    const children: { remote: string; safe: string; isDir: boolean; size: number }[] = [];
    for (const entry of entries) {
      const childRemote = remoteJoin(remote, entry.name);
      if (!isFetchableRemoteName(entry.name)) {
        if (entry.name === '.' || entry.name === '..') continue;
        out.push(unsafe(localDir, remoteJoin(remote, displayName(entry.name)), `Unsafe name from the server: "${displayName(entry.name).slice(0, 80)}"`));
        continue;
      }
      const safe = toSafeLocalName(entry.name);
      if (!safe) {
        out.push(unsafe(localDir, childRemote, `Unsafe name from the server: "${displayName(entry.name).slice(0, 80)}"`));
        continue;
      }
      // basic-ftp FileType: 1 file, 2 directory, 3 symbolic link (not followed).
      if (entry.type === 3) continue;
      children.push({ remote: childRemote, safe, isDir: entry.type === 2, size: entry.size });
    }
    // Names that meet on a case-insensitive disk (or after sanitising) get distinct ones.
    const names = distinctNames(children.map((c) => c.safe));
    for (const [i, child] of children.entries()) await walk(child.remote, [...localSegments, names[i]!], child.isDir, child.size, depth + 1);
  };
  const tops: { remote: string; safe: string; size: number | null }[] = [];
  for (const remote of remotePaths) {
    const base = remote.split('/').filter(Boolean).pop() ?? '';
    const safe = toSafeLocalName(base);
    if (!safe || !isFetchableRemoteName(base)) {
      out.push(unsafe(localDir, remote, 'Unsafe name'));
      continue;
    }
    tops.push({ remote, safe, size: await conn.sizeOf(remote) });
  }
  const names = distinctNames(tops.map((t) => t.safe));
  for (const [i, top] of tops.entries()) await walk(top.remote, [names[i]!], top.size === null, top.size ?? -1, 0);
  return out;
}
