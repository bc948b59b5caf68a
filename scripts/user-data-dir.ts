/**
 * The per-user data folder of the development launchers, following each
 * platform's convention (XDG on Linux).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/.local/share/portico`, `~/Library/Application Support/Portico` or `%APPDATA%\Portico`. */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Portico');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Portico');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'portico');
}

/** True when a browser window can be shown (a Linux session without a display cannot). */
export function hasDesktop(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
