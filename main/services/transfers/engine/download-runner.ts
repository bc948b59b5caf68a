/**
 * Downloads one file into `<name>.part` inside the batch's target folder,
 * resuming with REST from what the part already holds, then checks size
 * and (where the server hashes) SHA-256 before renaming it to its final name.
 * Nothing partial ever sits under a final name.
 */
import { createHash, type Hash } from 'node:crypto';
import { constants, promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { FTPError, type FTPResponse } from 'basic-ftp';
import { TransferError } from './errors';
import { transferReplySha256 } from './ftp-connection';
import { LOCAL_PART_SUFFIX, effectiveChoice, numberedName, type RunContext, type RunOutcome } from './run-context';
import { pipelinedTransfer, type PipelinedResult } from './pipelined-transfer';
import { isInside } from './safe-names';
import { partWriter } from './part-writer';
import { hashFileRange } from './stream-utils';

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await fsp.lstat(file);
  } catch {
    return null;
  }
}

/**
 * Creates the folder and proves (by real path, so through symlinks) it is
 * inside the root. `done` remembers folders already proven in this run: a
 * thousand small files in one folder need the walk once, not a thousand times.
 */
async function prepareFolder(root: string, dir: string, done: Set<string>): Promise<void> {
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

function parseSize(message: string): number | null {
  const n = Number(message.replace(/^213\s*/, '').trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** Opens (creating) the `.part` file without following a planted symlink. */
async function openPart(part: string, offset: number) {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (offset > 0 ? 0 : constants.O_TRUNC);
  try {
    return await fsp.open(part, flags, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new TransferError('unsafe_name', 'The .part file is a link');
    throw error;
  }
}

/** Checks the finished `.part` (size, and SHA-256 where the server hashes) and gives it its final name. */
async function verifyAndPlace(ctx: RunContext, part: string, target: string, remoteSize: number, hash: Hash | null, reply: FTPResponse | undefined, offset: number): Promise<RunOutcome> {
  const got = (await fsp.stat(part)).size;
  if (got < remoteSize) throw new TransferError('interrupted', `Got ${got} of ${remoteSize} bytes`, true);
  if (got > remoteSize) {
    await fsp.rm(part, { force: true });
    throw new TransferError('verify_failed', 'The file is larger than the server said', true);
  }
  // The hash in the 226 covers the whole file only when it was sent from byte 0.
  const remoteHex = hash ? ((offset === 0 ? transferReplySha256(reply) : null) ?? (await ctx.conn.sha256Of(ctx.item.remotePath))) : null;
  if (remoteHex !== null && remoteHex !== hash!.digest('hex')) {
    await fsp.rm(part, { force: true });
    throw new TransferError('verify_failed', 'SHA-256 does not match the server', true);
  }
  await fsp.rename(part, target);
  return { status: remoteHex === null ? 'done' : 'verified' };
}

/**
 * The common case, a new file: `SIZE`, `EPSV` and `RETR` leave in one write.
 * Returns null when the server refused EPSV (nothing was fetched).
 */
async function fastDownload(ctx: RunContext, target: string): Promise<RunOutcome | null> {
  const { conn, item } = ctx;
  const part = target + LOCAL_PART_SUFFIX;
  ctx.persist({ partial: true });
  const handle = await openPart(part, 0);
  const hash = conn.canHash ? createHash('sha256') : null;
  let result: PipelinedResult;
  try {
    ctx.setTransferred(0);
    const sink = partWriter(handle, 0, hash, (n) => ctx.onBytes(n), ctx.limiter);
    result = await pipelinedTransfer(conn, { before: [`SIZE ${item.remotePath}`], command: `RETR ${item.remotePath}`, destination: sink });
    // Everything left is local unless the server's hash must still be asked for.
    if (result.complete && (!hash || transferReplySha256(result.complete))) ctx.releaseConnection();
    // Only the data needs to be durable before the rename, not the inode times.
    if (result.complete) await handle.datasync();
  } finally {
    await handle.close();
  }
  if (result.epsvRefused) {
    conn.epsv = false;
    return null;
  }
  const sizeReply = result.before[0]!;
  const remoteSize = sizeReply.code === 213 ? parseSize(sizeReply.message) : null;
  if (remoteSize === null) {
    await fsp.rm(part, { force: true });
    if (sizeReply.code === 553) throw new TransferError('unsafe_name', 'The server refuses this name');
    throw new TransferError('source_missing', 'The remote file no longer exists');
  }
  if (result.refused) throw new FTPError(result.refused);
  if (item.size !== remoteSize) ctx.persist({ size: remoteSize });
  return verifyAndPlace(ctx, part, target, remoteSize, hash, result.complete, 0);
}

export async function runDownload(ctx: RunContext): Promise<RunOutcome> {
  const { conn, item, batch } = ctx;
  if (!isInside(batch.localRoot, item.localPath) || path.resolve(item.localPath) === path.resolve(batch.localRoot)) {
    throw new TransferError('unsafe_name', 'Target is outside the chosen folder');
  }
  if (item.folder) {
    // An empty remote folder: created (and proven inside the root) like any parent folder.
    await prepareFolder(batch.localRoot, item.localPath, ctx.localDirs);
    return { status: 'done' };
  }
  await prepareFolder(batch.localRoot, path.dirname(item.localPath), ctx.localDirs);
  if (!item.partial && conn.epsv && !(await lstatOrNull(item.localPath))) {
    const outcome = await fastDownload(ctx, item.localPath);
    if (outcome) return outcome;
  }
  const sizeReply = await conn.probe(`SIZE ${item.remotePath}`);
  if (sizeReply.code === 553) throw new TransferError('unsafe_name', 'The server refuses this name');
  const remoteSize = sizeReply.code === 213 ? parseSize(sizeReply.message) : null;
  if (remoteSize === null) throw new TransferError('source_missing', 'The remote file no longer exists');
  if (item.size !== remoteSize) ctx.persist({ size: remoteSize });
  let target = item.localPath;
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

  const handle = await openPart(part, offset);
  // Hashing costs CPU on big files: only worth it where the server can hash too.
  const hash = conn.canHash ? createHash('sha256') : null;
  let reply: FTPResponse | undefined;
  try {
    if (offset > 0) await handle.truncate(offset);
    await hashFileRange(part, offset, hash);
    ctx.setTransferred(offset);
    if (offset < remoteSize || remoteSize === 0) {
      await conn.flush();
      reply = await conn.client.downloadTo(partWriter(handle, offset, hash, (n) => ctx.onBytes(n), ctx.limiter), item.remotePath, offset);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return verifyAndPlace(ctx, part, target, remoteSize, hash, reply, offset);
}
