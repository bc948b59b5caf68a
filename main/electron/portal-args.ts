/** The `--portal` flag of the Electron app (pure; no 'electron' import). */

/** Portal used when neither `--portal` nor saved settings name one. */
export const FALLBACK_PORTAL = 'http://127.0.0.1:8443';

/** `--portal URL` or `--portal=URL`, only http(s); otherwise the fallback. */
export function portalFromArgs(argv: readonly string[]): string {
  return portalFlagFromArgs(argv) ?? FALLBACK_PORTAL;
}

/** The `--portal` flag when given (and an http(s) URL): it wins over a remembered address. */
export function portalFlagFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value =
      arg === '--portal' ? argv[i + 1] : arg.startsWith('--portal=') ? arg.slice('--portal='.length) : undefined;
    if (value === undefined) continue;
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString().replace(/\/$/, '');
    } catch {
      // Fall through to the default; a bad flag must not stop the app.
    }
  }
  return undefined;
}
