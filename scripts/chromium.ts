/**
 * The one Debian Chromium the e2e tests and the benchmarks drive (never a
 * downloaded browser), and the flags both start it with.
 */

/** `PORTICO_CHROMIUM`, else Debian's package path. */
export function chromiumPath(): string {
  return process.env.PORTICO_CHROMIUM ?? '/usr/bin/chromium';
}

/** No sandbox or GPU in the test containers; nothing phones home or updates itself mid-run. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
