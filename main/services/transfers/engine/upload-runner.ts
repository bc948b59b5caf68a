/**
 * Uploads one file: to its part (a random name of its own in the target's
 * folder, see `part-names.ts`), resumed with APPE after an
 * interruption, then size- and (where the server hashes) SHA-256-checked,
 * and only then renamed to its final name. Small files are what round trips
 * cost most: conflicts come from one cached listing per folder, the hash
 * from the transfer-complete reply where the server sends it, and the
 * rename's `RNFR`+`RNTO` travel together.
 */
import { createHash, type Hash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FTPError, type FTPResponse } from 'basic-ftp';
import { TransferError, classifyError } from './errors';
import { transferReplySha256, type FtpConnection } from './ftp-connection';
import { pipelinedTransfer, type Reply } from './pipelined-transfer';
import type { RemoteDirCache } from './remote-dir-cache';
import { newPartName, remotePartPath } from './part-names';
import { numberedName } from './numbered-name';
import { effectiveChoice, type RunContext, type RunOutcome } from './run-context';
import { SMALL_UPLOAD_BYTES, hashFileRange, readSmallFile, uploadSource } from './stream-utils';

/** Creates `dir` and its parents on the server (cached); folders we create are known empty. */
export async function ensureRemoteDir(conn: FtpConnection, dir: string, known: Set<string>, listings?: RemoteDirCache): Promise<void> {
  if (dir === '/' || known.has(dir)) return;
  const parts = dir.split('/').filter(Boolean);
  let current = '';
  for (const part of parts) {
    current += `/${part}`;
    if (known.has(current)) continue;
    // 550 "exists" is fine; a real failure shows up at STOR.
    const res = await conn.probe(`MKD ${current}`);
    if (res.code === 257) listings?.markCreated(current);
    known.add(current);
  }
}

/** Size of the remote file `target`, or null when there is none (cached listing first, else `SIZE`). */
async function existingSize(ctx: RunContext, target: string): Promise<number | null> {
  const cached = await ctx.listings.lookup(ctx.conn, path.posix.dirname(target), path.posix.basename(target));
  if (cached === undefined) return ctx.conn.sizeOf(target);
  // A folder under the name: STOR fails with the server's reason, as before.
  if (cached === null || cached.type === 'dir') return null;
  // The listing may be a few seconds old: confirm a hit (rare) on the server.
  return ctx.conn.sizeOf(target);
}

async function freeRemoteName(conn: FtpConnection, target: string): Promise<string> {
  const dir = path.posix.dirname(target);
  const name = path.posix.basename(target);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.posix.join(dir, numberedName(name, n));
    if ((await conn.sizeOf(candidate)) === null) return candidate;
  }
  throw new TransferError('remote_error', 'No free name for the renamed copy');
}

async function localStat(file: string) {
  try {
    const st = await fsp.stat(file);
    if (st.isFile()) return st;
  } catch {
    // handled below
  }
  throw new TransferError('source_missing', 'The local file no longer exists');
}

async function rename(conn: FtpConnection, from: string, to: string, replace = false): Promise<void> {
  // Pipelined: if RNFR fails, the server answers RNTO with 503 and nothing moves.
  // Portico's portal refuses an RNTO onto a taken name unless `SITE REPLACE`
  // came first (other servers answer it 500 or 504 and replace anyway).
  const replies = await conn.pipelined([...(replace ? ['SITE REPLACE'] : []), `RNFR ${from}`, `RNTO ${to}`]);
  const [a, b] = replies.slice(-2);
  const failed = a!.code !== 350 ? a! : b!;
  if (a!.code !== 350 || b!.code !== 250) throw new TransferError('remote_error', `Rename failed: ${failed.message.slice(0, 120)}`);
}

/**
 * An empty upload that ends a moment after it starts. vsftpd 3.0.3 answers
 * a data connection that is closed right after its TLS handshake with a
 * `decode_error` alert (curl waits longer and is not affected); 25 ms is
 * plenty and only empty files pay it.
 */
function emptySource(): Readable {
  return new Readable({
    read() {
      setTimeout(() => this.push(null), 25);
    },
  });
}

/**
 * A try that was cut after its RNTO left but before the answer came back:
 * the part is gone and the final name holds a file of our size. Where the
 * server can hash, a matching SHA-256 proves it is ours and nothing is
 * left to do; otherwise the user is asked, as for any existing file.
 */
async function renamedBefore(ctx: RunContext, target: string, existing: number, size: number): Promise<boolean> {
  const { conn, item } = ctx;
  const part = remotePartPath(item);
  if (!item.partial || !part || existing !== size || !conn.canHash) return false;
  if ((await conn.sizeOf(part)) !== null) return false;
  const hash = createHash('sha256');
  await hashFileRange(item.localPath, size, hash);
  return (await conn.sha256Of(target)) === hash.digest('hex');
}

interface Sent {
  reply: FTPResponse | undefined;
  hash: Hash | null;
  /** The server's answer to `SIZE <part>`, pipelined behind the upload where it cannot hash. */
  sizeReply?: Reply;
  /** The answer to a pipelined `RNFR <part>`: 350 means only `RNTO` is left to send. */
  renameFromReply?: Reply;
}

/**
 * Sends the file (from `offset`) into `part`. A new upload pipelines
 * `EPSV`, `STOR` and (for servers that cannot hash) `SIZE` in one write,
 * and a small one is read whole and sent from one buffer; a resumed one,
 * or a server that refuses EPSV, goes through basic-ftp.
 */
async function send(ctx: RunContext, part: string, offset: number, size: number): Promise<Sent> {
  const { conn, item } = ctx;
  // Hashing costs CPU on big files: only worth it where the server can hash too.
  const start = async () => {
    const hash = conn.canHash ? createHash('sha256') : null;
    await hashFileRange(item.localPath, offset, hash);
    ctx.setTransferred(offset);
    const source = size === 0 ? emptySource() : uploadSource(item.localPath, offset, hash, (n) => ctx.onBytes(n), ctx.limiter);
    return { hash, source };
  };
  /** A small new file: read whole and sent from one buffer (see `readSmallFile`). */
  const startWhole = async () => {
    const whole = await readSmallFile(item.localPath, size).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new TransferError('source_missing', 'The local file no longer exists') : error;
    });
    if (!whole) throw new TransferError('source_changed', 'The local file changed during the upload', true);
    ctx.setTransferred(0);
    await ctx.limiter.take(size);
    return { hash: conn.canHash ? createHash('sha256').update(whole) : null, source: whole };
  };
  if (offset === 0 && conn.epsv) {
    const { hash, source } = size > 0 && size <= SMALL_UPLOAD_BYTES ? await startWhole() : await start();
    // RNFR only marks the part for renaming; nothing moves until we send RNTO after the checks.
    const after = hash ? [`RNFR ${part}`] : [`SIZE ${part}`, `RNFR ${part}`];
    const result = await pipelinedTransfer(conn, { command: `STOR ${part}`, after, source });
    if (!result.epsvRefused) {
      if (result.refused) {
        if (source instanceof Readable) source.destroy();
        throw new FTPError(result.refused);
      }
      if (Buffer.isBuffer(source)) ctx.onBytes(size);
      return { reply: result.complete, hash, sizeReply: hash ? undefined : result.after[0], renameFromReply: result.after[after.length - 1] };
    }
    // Nothing was sent; the source may have read ahead into its hash, so start over.
    if (source instanceof Readable) source.destroy();
    conn.epsv = false;
  }
  const { hash, source } = await start();
  await conn.flush();
  const reply = offset > 0 ? await conn.client.appendFrom(source, part) : await conn.client.uploadFrom(source, part);
  return { reply, hash };
}

/** Creates an (empty) folder item's remote folder; a file under that name is an error. */
async function createFolder(ctx: RunContext): Promise<RunOutcome> {
  const { conn, item } = ctx;
  const st = await fsp.stat(item.localPath).catch(() => null);
  if (!st?.isDirectory()) throw new TransferError('source_missing', 'The local folder no longer exists');
  await ensureRemoteDir(conn, path.posix.dirname(item.remotePath), ctx.knownDirs, ctx.listings);
  const made = await conn.probe(`MKD ${item.remotePath}`);
  if (made.code === 257) {
    ctx.listings.markCreated(item.remotePath);
  } else if ((await conn.sizeOf(item.remotePath)) !== null) {
    throw new TransferError('remote_error', 'A file with this name is already in the way of the folder');
  }
  ctx.knownDirs.add(item.remotePath);
  return { status: 'done' };
}

export async function runUpload(ctx: RunContext): Promise<RunOutcome> {
  const { conn, item, batch } = ctx;
  if (item.folder) return createFolder(ctx);
  const st = await localStat(item.localPath);
  const size = st.size;
  if (item.size !== size) ctx.persist({ size });
  await ensureRemoteDir(conn, path.posix.dirname(item.remotePath), ctx.knownDirs, ctx.listings);
  let target = item.remotePath;
  let resume = item.partial === true;
  const known = remotePartPath(item);
  const partName = known ? path.posix.basename(known) : newPartName('upload');
  if (!known) ctx.persist({ partName });
  const part = path.posix.join(path.posix.dirname(target), partName);
  const existing = await existingSize(ctx, target);
  // Only a file the user chose to replace may be replaced; anything else that takes the name meanwhile is refused.
  let replacing = existing !== null;
  if (existing !== null && (await renamedBefore(ctx, target, existing, size))) return { status: 'verified' };
  if (existing !== null) {
    const choice = effectiveChoice(item, batch);
    const remoteTime = choice === undefined || choice === 'overwrite-if-newer' ? await conn.modifiedAt(target) : null;
    if (choice === undefined) {
      return {
        status: 'conflict',
        conflict: { existingSize: existing, existingModifiedAt: remoteTime?.toISOString() ?? null, incomingSize: size, incomingModifiedAt: st.mtime.toISOString() },
      };
    }
    if (choice === 'skip') return { status: 'skipped' };
    if (choice === 'overwrite-if-newer' && remoteTime && st.mtime.getTime() <= remoteTime.getTime()) return { status: 'skipped' };
    if (choice === 'rename') {
      target = await freeRemoteName(conn, target);
      ctx.persist({ remotePath: target });
      replacing = false;
    }
    if (choice === 'resume' && existing < size) {
      await rename(conn, target, part, true);
      resume = true;
      replacing = false;
    }
  }
  let offset = 0;
  if (resume) {
    const partSize = await conn.sizeOf(part);
    if (partSize !== null && partSize <= size) offset = partSize;
  }
  if (!item.partial) ctx.persist({ partial: true });
  const sent = await send(ctx, part, offset, size).catch(async (error: unknown) => {
    const failure = classifyError(error);
    // Over the portal's quota or size limit: the item cannot resume, so its part must not stay.
    if (failure.code === 'remote_full' || failure.code === 'file_too_large') {
      await conn.probe(`DELE ${part}`).catch(() => undefined);
      ctx.persist({ partial: undefined });
    }
    throw failure;
  });
  const probesBefore = conn.probes;

  const after = await localStat(item.localPath);
  if (after.size !== size || after.mtimeMs !== st.mtimeMs) {
    await conn.probe(`DELE ${part}`);
    throw new TransferError('source_changed', 'The local file changed during the upload', true);
  }
  const localHex = sent.hash ? sent.hash.digest('hex') : null;
  // The hash in the 226 covers what the server wrote only for a whole-file STOR.
  const remoteHex = localHex === null ? null : ((offset === 0 ? transferReplySha256(sent.reply) : null) ?? (await conn.sha256Of(part)));
  if (remoteHex === null) {
    const remoteSize = sent.sizeReply?.code === 213 ? Number(sent.sizeReply.message.replace(/^213\s*/, '').trim()) : await conn.sizeOf(part);
    if (remoteSize !== size) throw new TransferError('verify_failed', `Size check failed (${remoteSize ?? '?'} of ${size} bytes on the server)`, true);
  } else if (remoteHex !== localHex) {
    await conn.probe(`DELE ${part}`);
    throw new TransferError('verify_failed', 'SHA-256 of the uploaded file does not match', true);
  }
  // RNTO must follow its RNFR directly (vsftpd forgets the RNFR otherwise).
  if (!replacing && sent.renameFromReply?.code === 350 && conn.probes === probesBefore) {
    // The RNTO rides in front of the next file's commands on this connection.
    const renamed = conn.defer(`RNTO ${target}`);
    ctx.releaseConnection();
    const res = await renamed;
    if (res.code !== 250) throw new TransferError('remote_error', `Rename failed: ${res.message.slice(0, 120)}`);
  } else {
    await rename(conn, part, target, replacing);
  }
  ctx.listings.noteWritten(path.posix.dirname(target), path.posix.basename(target), size);
  return { status: remoteHex === null ? 'done' : 'verified' };
}
