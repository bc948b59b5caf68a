/** Counts the light version's reference-host sessions: Xvnc processes whose parent is `pid`. */
import { readdirSync, readFileSync } from 'node:fs';

export function xvncChildrenOf(pid: number): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'Xvnc' && ppid === pid) count += 1;
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}
