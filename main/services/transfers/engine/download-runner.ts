/**
 * Downloads one file into its part file (a random name of its own, see
 * `part-names.ts`) inside the batch's target folder, resuming with REST
 * from what the part already holds, then checks size and (where the server
 * hashes) SHA-256 before giving it its final name, never over a name the
 * user did not choose to replace. The file under its final name is then
 * read back and checked again: only that makes an item `verified`.
 * Nothing partial ever sits under a final name.
 */
import { createHash, type Hash } from 'node:crypto';
import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { FTPError, type FTPResponse } from 'basic-ftp';
import { TransferError } from './errors';
import { transferReplySha256 } from './ftp-connection';
import { checkOnDisk, freeLocalName, openPart, placeFile, prepareFolder } from './local-placement';
import { localPartPath, newPartName } from './part-names';
import { effectiveChoice, type RunContext, type RunOutcome } from './run-context';
import { pipelinedTransfer, type PipelinedResult } from './pipelined-transfer';
import { isInside } from './safe-names';
import { partWriter } from './part-writer';
import { hashFileRange } from './stream-utils';

/** The item's part, or a new name for one (persisted, so a resume finds it); `fresh` when new. */
function partOf(ctx: RunContext): { part: string; fresh: boolean } {
  const known = localPartPath(ctx.item);
  if (known) return { part: known, fresh: false };
  const partName = newPartName('download');
  ctx.persist({ partName });
  return { part: path.join(path.dirname(ctx.item.localPath), partName), fresh: true };
}

/** What the conflict question shows about the file in the way. */
function conflictWith(existing: Stats, remoteSize: number, remoteTime: Date | null): RunOutcome {
  return {
    status: 'conflict',
    conflict: { existingSize: existing.size, existingModifiedAt: existing.mtime.toISOString(), incomingSize: remoteSize, incomingModifiedAt: remoteTime?.toISOString() ?? null },
  };
}

function parseSize(message: string): number | null {
  const n = Number(message.replace(/^213\s*/, '').trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * Checks the finished part (size, and SHA-256 where the server hashes),
 * gives it its final name and checks the file under that name. A name
 * taken meanwhile is a conflict (the part stays for the answer).
 */
async function verifyAndPlace(ctx: RunContext, part: string, target: string, remoteSize: number, hash: Hash | null, reply: FTPResponse | undefined, offset: number, replace: boolean): Promise<RunOutcome> {
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
  if (!(await placeFile(part, target, replace))) {
    // Taken since the check: ask, or (with an answer already given) try again, which applies it.
    if (effectiveChoice(ctx.item, ctx.batch) !== undefined) throw new TransferError('interrupted', 'The name was taken meanwhile', true);
    return conflictWith(await fsp.lstat(target), remoteSize, null);
  }
  await ctx.localNames.note(target);
  await checkOnDisk(target, remoteSize, remoteHex);
  return { status: remoteHex === null ? 'done' : 'verified' };
}

/**
 * The common case, a new file: `SIZE`, `EPSV` and `RETR` leave in one write.
 * Returns null when the server refused EPSV (nothing was fetched).
 */
async function fastDownload(ctx: RunContext, target: string): Promise<RunOutcome | null> {
  const { conn, item } = ctx;
  const { part, fresh } = partOf(ctx);
  ctx.persist({ partial: true });
  const handle = await openPart(part, 0, fresh);
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
  return verifyAndPlace(ctx, part, target, remoteSize, hash, result.complete, 0, false);
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
  // The name, or one differing only by case or normalisation (one file on macOS and Windows).
  const found = await ctx.localNames.find(item.localPath);
  if (!item.partial && conn.epsv && !found) {
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
  let replace = false;
  const { part, fresh } = partOf(ctx);
  const partStat = fresh ? null : await fsp.lstat(part).catch(() => null);
  if (partStat && !partStat.isFile()) throw new TransferError('unsafe_name', 'The part file is a link or folder');
  const existing = found?.stat ?? (await fsp.lstat(target).catch(() => null));
  if (existing && partStat && existing.ino === partStat.ino && existing.dev === partStat.dev) {
    // Cut between giving the part its name and removing the part's own: only the check is left.
    await fsp.rm(part, { force: true });
    await checkOnDisk(found?.path ?? target, remoteSize, conn.canHash ? await conn.sha256Of(item.remotePath) : null);
    return { status: conn.canHash ? 'verified' : 'done' };
  }
  if (existing) {
    if (!existing.isFile()) throw new TransferError('unsafe_name', 'The target exists and is not a regular file');
    const choice = effectiveChoice(item, batch);
    const remoteTime = choice === undefined || choice === 'overwrite-if-newer' ? await conn.modifiedAt(item.remotePath) : null;
    if (choice === undefined) return conflictWith(existing, remoteSize, remoteTime);
    if (choice === 'skip') return { status: 'skipped' };
    if (choice === 'overwrite-if-newer' && (!remoteTime || remoteTime.getTime() <= existing.mtime.getTime())) return { status: 'skipped' };
    if (choice === 'rename') {
      target = await freeLocalName(target, ctx.localNames);
    } else {
      // Overwrite and resume act on the file that is there, under its own spelling.
      target = found?.path ?? target;
      replace = true;
    }
    if (target !== item.localPath) ctx.persist({ localPath: target });
    if (choice === 'resume' && existing.size < remoteSize) {
      await fsp.rename(target, part);
      resume = true;
    }
  }
  const resumed = resume ? await fsp.lstat(part).catch(() => null) : null;
  const offset = resumed && resumed.isFile() && resumed.size <= remoteSize ? resumed.size : 0;
  if (!item.partial) ctx.persist({ partial: true });

  const handle = await openPart(part, offset, fresh && offset === 0 && !resumed);
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
  return verifyAndPlace(ctx, part, target, remoteSize, hash, reply, offset, replace);
}
