import type { DesktopApi } from '../../common/contract';

/**
 * Holds the one DesktopApi the renderer talks through. Stores reach main only
 * via `desktopApi()`, so tests swap in a fake with `setDesktopApi()` instead
 * of mocking modules.
 */
let current: DesktopApi | null = null;

/** Installs the DesktopApi every store uses (called once at start-up, or by tests). */
export function setDesktopApi(api: DesktopApi): void {
  current = api;
}

/** The installed DesktopApi; throws if start-up has not connected one yet. */
export function desktopApi(): DesktopApi {
  if (!current) throw new Error('DesktopApi is not connected yet');
  return current;
}
