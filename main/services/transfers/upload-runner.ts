/**
 * Uploads one file: to `<name>.portico-part`, resumed with APPE after an
 * interruption, then size- and (where the server hashes) SHA-256-checked,
 * and only then renamed to its final name.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { TransferError } from './errors';
import type { FtpConnection } from './ftp-connection';
import { REMOTE_PART_SUFFIX, effectiveChoice, numberedName, type RunContext, type RunOutcome } from './run-context';
import { hashFileRange, uploadSource } from './stream-utils';

/** Creates `dir` and its parents on the server (cached). */
export async function ensureRemoteDir(conn: FtpConnection, dir: string, known: Set<string>): Promise<void> {
  if (dir === '/' || known.has(dir)) return;
  const parts = dir.split('/').filter(Boolean);
  let current = '';
  for (const part of parts) {
    current += `/${part}`;
    if (known.has(current)) continue;
    // 550 "exists" is fine; a real failure shows up at STOR.
    await conn.probe(`MKD ${current}`);
    known.add(current);
  }
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

async function rename(conn: FtpConnection, from: string, to: string): Promise<void> {
  const a = await conn.probe(`RNFR ${from}`);
  const b = a.code === 350 ? await conn.probe(`RNTO ${to}`) : a;
  if (b.code !== 250) throw new TransferError('remote_error', `Rename failed: ${b.message.slice(0, 120)}`);
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

export async function runUpload(ctx: RunContext): Promise<RunOutcome> {
  const { conn, item, batch } = ctx;
  const st = await localStat(item.localPath);
  const size = st.size;
  if (item.size !== size) ctx.persist({ size });
  await ensureRemoteDir(conn, path.posix.dirname(item.remotePath), ctx.knownDirs);
  let target = item.remotePath;
  let resume = item.partial === true;
  const existing = await conn.sizeOf(target);
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
    }
    if (choice === 'resume' && existing < size) {
      await rename(conn, target, target + REMOTE_PART_SUFFIX);
      resume = true;
    }
  }
  const part = target + REMOTE_PART_SUFFIX;
  let offset = 0;
  if (resume) {
    const partSize = await conn.sizeOf(part);
    if (partSize !== null && partSize <= size) offset = partSize;
  }
  if (!item.partial) ctx.persist({ partial: true });
  const hash = createHash('sha256');
  await hashFileRange(item.localPath, offset, hash);
  ctx.setTransferred(offset);
  const source = size === 0 ? emptySource() : uploadSource(item.localPath, offset, hash, (n) => ctx.onBytes(n), ctx.limiter);
  if (offset > 0) await conn.client.appendFrom(source, part);
  else await conn.client.uploadFrom(source, part);

  const after = await localStat(item.localPath);
  if (after.size !== size || after.mtimeMs !== st.mtimeMs) {
    await conn.probe(`DELE ${part}`);
    throw new TransferError('source_changed', 'The local file changed during the upload', true);
  }
  const localHex = hash.digest('hex');
  const remoteHex = await conn.sha256Of(part);
  if (remoteHex === null) {
    const remoteSize = await conn.sizeOf(part);
    if (remoteSize !== size) throw new TransferError('verify_failed', `Size check failed (${remoteSize ?? '?'} of ${size} bytes on the server)`, true);
  } else if (remoteHex !== localHex) {
    await conn.probe(`DELE ${part}`);
    throw new TransferError('verify_failed', 'SHA-256 of the uploaded file does not match', true);
  }
  await rename(conn, part, target);
  return { status: remoteHex === null ? 'done' : 'verified' };
}
