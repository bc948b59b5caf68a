/**
 * Downloads one file into `<name>.part` inside the batch's target folder,
 * resuming with REST from what the part already holds, then checks size
 * and (where the server hashes) SHA-256 before renaming it to its final name.
 * Nothing partial ever sits under a final name.
 */
import { createHash } from 'node:crypto';
import { constants, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { TransferError } from './errors';
import { LOCAL_PART_SUFFIX, effectiveChoice, numberedName, type RunContext, type RunOutcome } from './run-context';
import { isInside } from './safe-names';
import { hashFileRange, partWriter } from './stream-utils';

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await fsp.lstat(file);
  } catch {
    return null;
  }
}

/** Creates the folder and proves (by real path, so through symlinks) it is inside the root. */
async function prepareFolder(root: string, dir: string): Promise<void> {
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
  if (!isInside(realRoot, await fsp.realpath(dir))) throw new TransferError('unsafe_name', 'Target is outside the chosen folder');
}

async function freeLocalName(target: string): Promise<string> {
  const dir = path.dirname(target);
  const name = path.basename(target);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, numberedName(name, n));
    if (!(await lstatOrNull(candidate)) && !(await lstatOrNull(candidate + LOCAL_PART_SUFFIX))) return candidate;
  }
  throw new TransferError('internal', 'No free name for the renamed copy');
}

export async function runDownload(ctx: RunContext): Promise<RunOutcome> {
  const { conn, item, batch } = ctx;
  const sizeReply = await conn.probe(`SIZE ${item.remotePath}`);
  if (sizeReply.code === 553) throw new TransferError('unsafe_name', 'The server refuses this name');
  const remoteSize = sizeReply.code === 213 ? await conn.sizeOf(item.remotePath) : null;
  if (remoteSize === null) throw new TransferError('source_missing', 'The remote file no longer exists');
  if (item.size !== remoteSize) ctx.persist({ size: remoteSize });
  let target = item.localPath;
  if (!isInside(batch.localRoot, target) || path.resolve(target) === path.resolve(batch.localRoot)) {
    throw new TransferError('unsafe_name', 'Target is outside the chosen folder');
  }
  await prepareFolder(batch.localRoot, path.dirname(target));
  let resume = item.partial === true;
  const existing = await lstatOrNull(target);
  if (existing) {
    if (!existing.isFile()) throw new TransferError('unsafe_name', 'The target exists and is not a regular file');
    const choice = effectiveChoice(item, batch);
    const remoteTime = choice === undefined || choice === 'overwrite-if-newer' ? await conn.modifiedAt(item.remotePath) : null;
    if (choice === undefined) {
      return {
        status: 'conflict',
        conflict: { existingSize: existing.size, existingModifiedAt: existing.mtime.toISOString(), incomingSize: remoteSize, incomingModifiedAt: remoteTime?.toISOString() ?? null },
      };
    }
    if (choice === 'skip') return { status: 'skipped' };
    if (choice === 'overwrite-if-newer' && (!remoteTime || remoteTime.getTime() <= existing.mtime.getTime())) return { status: 'skipped' };
    if (choice === 'rename') {
      target = await freeLocalName(target);
      ctx.persist({ localPath: target });
    }
    if (choice === 'resume' && existing.size < remoteSize) {
      await fsp.rename(target, target + LOCAL_PART_SUFFIX);
      resume = true;
    }
  }
  const part = target + LOCAL_PART_SUFFIX;
  const partStat = await lstatOrNull(part);
  if (partStat && !partStat.isFile()) throw new TransferError('unsafe_name', 'The .part file is a link or folder');
  const offset = resume && partStat && partStat.size <= remoteSize ? partStat.size : 0;
  if (!item.partial) ctx.persist({ partial: true });

  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (offset > 0 ? 0 : constants.O_TRUNC);
  const handle = await fsp.open(part, flags, 0o600);
  const hash = createHash('sha256');
  try {
    if (offset > 0) await handle.truncate(offset);
    await hashFileRange(part, offset, hash);
    ctx.setTransferred(offset);
    if (offset < remoteSize || remoteSize === 0) {
      await conn.client.downloadTo(partWriter(handle, offset, hash, (n) => ctx.onBytes(n), ctx.limiter), item.remotePath, offset);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  const got = (await fsp.stat(part)).size;
  if (got < remoteSize) throw new TransferError('interrupted', `Got ${got} of ${remoteSize} bytes`, true);
  if (got > remoteSize) {
    await fsp.rm(part, { force: true });
    throw new TransferError('verify_failed', 'The file is larger than the server said', true);
  }
  const remoteHex = await conn.sha256Of(item.remotePath);
  if (remoteHex !== null && remoteHex !== hash.digest('hex')) {
    await fsp.rm(part, { force: true });
    throw new TransferError('verify_failed', 'SHA-256 does not match the server', true);
  }
  await fsp.rename(part, target);
  return { status: remoteHex === null ? 'done' : 'verified' };
}
