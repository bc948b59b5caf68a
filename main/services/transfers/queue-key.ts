/**
 * Where a user's queue lives: `<userData>/transfers/<key>/`, the key a hash
 * of the portal's key (its announced identity, or its address for a portal
 * that announces none) and the username. The hash keeps hostile or long
 * names out of the file system.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';

/** The folder name of one user's queue on one portal. */
export function queueKey(portalKey: string, username: string): string {
  return createHash('sha256').update(`${portalKey}\n${username.toLowerCase()}`).digest('hex').slice(0, 24);
}

/**
 * Moves the queue kept under the portal's address (`from`) to its identity
 * (`to`), once: only when `to` has no queue yet, so nothing already filed
 * under the identity is overwritten. Returns whether it moved.
 */
export async function adoptQueue(from: string, to: string): Promise<boolean> {
  if (from === to || (await exists(to)) || !(await exists(from))) return false;
  try {
    await fsp.rename(from, to);
    return true;
  } catch {
    // Another run moved it first, or the folder is in use: the queue stays where it is.
    return false;
  }
}

async function exists(dir: string): Promise<boolean> {
  try {
    await fsp.access(dir);
    return true;
  } catch {
    return false;
  }
}
