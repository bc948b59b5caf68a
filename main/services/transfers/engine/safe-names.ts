/**
 * Server-supplied names are hostile. These helpers decide which remote
 * names may be fetched at all, turn them into names that are safe on every
 * desktop OS, and prove a local path stays inside its target folder.
 */
import path from 'node:path';
import { replaceUnsafe } from '../../../../common/text/guard';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// Characters Windows forbids in names (unsafe text characters are replaced first).
const FORBIDDEN = /[<>:"|?*\\/]/g;
const MAX_NAME_BYTES = 240;

/**
 * True when a remote name can be addressed safely in an FTP command: no
 * NUL/CR/LF (command injection), no `/` (it would name another path), not
 * empty, `.` or `..`.
 */
export function isFetchableRemoteName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return false;
  return !/[\0\r\n/]/.test(name);
}

/**
 * A local file name for a remote name: control and reserved characters
 * replaced by `_`, leading/trailing dots and spaces trimmed, Windows device
 * names prefixed, length capped. Null when nothing usable remains.
 */
export function toSafeLocalName(name: string): string | null {
  let safe = replaceUnsafe(name.normalize('NFC'), '_').replace(FORBIDDEN, '_');
  safe = safe.replace(/^[. ]+/, '').replace(/[. ]+$/, '');
  if (safe === '') return null;
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  while (Buffer.byteLength(safe, 'utf8') > MAX_NAME_BYTES) safe = safe.slice(0, -1);
  return safe === '' ? null : safe;
}

/** Marks unsafe characters (controls, line separators, bidi controls, lone surrogates) in a name for display. */
export function displayName(name: string): string {
  return replaceUnsafe(name, '\uFFFD');
}

/** True when `candidate` is `root` or inside it (lexically). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(candidate));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Joins already-sanitized segments under `root`, refusing any result that
 * is not strictly inside it.
 */
export function safeJoin(root: string, segments: string[]): string | null {
  const joined = path.join(root, ...segments);
  return isInside(root, joined) && path.resolve(joined) !== path.resolve(root) ? joined : null;
}

/** Validates a remote path the UI supplies: absolute, no NUL/CR/LF, no `..` segments. */
export function isValidRemotePath(remotePath: string): boolean {
  if (!remotePath.startsWith('/') || /[\0\r\n]/.test(remotePath) || remotePath.length > 4096) return false;
  return !remotePath.split('/').some((s) => s === '..' || s === '.');
}

/** Joins remote path segments with `/`. */
export function remoteJoin(dir: string, ...names: string[]): string {
  const base = dir.endsWith('/') ? dir.slice(0, -1) : dir;
  return [base, ...names].join('/') || '/';
}
