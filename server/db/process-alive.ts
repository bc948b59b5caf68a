/** Whether a process still runs, for lock and leftover-cluster owners recorded by pid. */

/**
 * True when process `pid` exists. Signal 0 only probes: EPERM means it exists
 * but belongs to another user, which still counts as alive.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
