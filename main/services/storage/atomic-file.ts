/**
 * Small synchronous file helpers shared by the vault and the JSON settings
 * store. Writes are atomic (temp file in the same folder + rename) so a crash
 * mid-write never leaves a half-written store behind.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Writes `content` to `filePath` atomically with the given mode (0600 by default). */
export function writeFileAtomic(filePath: string, content: string | Buffer, mode = 0o600): void {
  mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const temp = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  // 'wx' refuses to follow a planted file or symlink at the temp name.
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // The umask may have narrowed or (on odd systems) widened the mode.
    chmodSync(temp, mode);
    renameSync(temp, filePath);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Moves an unreadable file aside as `<name>.corrupt-<time>` so nothing is
 * silently lost, and returns the new path.
 */
export function moveAside(filePath: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${filePath}.corrupt-${stamp}`;
  let n = 1;
  while (existsSync(target)) target = `${filePath}.corrupt-${stamp}-${n++}`;
  renameSync(filePath, target);
  return target;
}

