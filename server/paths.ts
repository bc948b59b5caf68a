/** Where the portal keeps its data when no `--data-dir` is given. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$PORTICO_DATA_DIR`, else the per-user data folder:
 * `%APPDATA%\portico-portal` (Windows), `~/Library/Application Support/portico-portal`
 * (macOS), `$XDG_DATA_HOME/portico-portal` or `~/.local/share/portico-portal`.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.PORTICO_DATA_DIR) return env.PORTICO_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'portico-portal');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'portico-portal');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'portico-portal');
}
