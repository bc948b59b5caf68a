/** How the FTPS server writes listings (`LIST`, `MLSD`) and times (`MDTM`). */

import type { FtpsEntry } from './file-system';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** RFC 3659 time-val in UTC. */
export function timeVal(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

export function mlsdLine(e: FtpsEntry): string {
  return `type=${e.type};size=${e.size};modify=${timeVal(e.modifiedAt)}; ${e.name}`;
}

export function listLine(e: FtpsEntry): string {
  const d = e.modifiedAt;
  const recent = Math.abs(Date.now() - d.getTime()) < 180 * 86_400_000;
  const when = recent ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : ` ${d.getUTCFullYear()}`;
  const mode = e.type === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
  return `${mode} 1 ftp ftp ${String(e.size).padStart(12)} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${when} ${e.name}`;
}
