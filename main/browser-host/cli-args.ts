/**
 * Tiny `--flag value` parser for the host and start scripts (no dependency,
 * strict: unknown flags and missing values are errors, not guesses).
 */

/** Parsed flags: string values, or `true` for switches. */
export type ParsedFlags = Record<string, string | true>;

/**
 * Parses `argv` against the allowed flags. `valueFlags` take a value,
 * `switches` don't. Throws with a readable message on anything else.
 */
export function parseFlags(
  argv: readonly string[],
  valueFlags: readonly string[],
  switches: readonly string[] = [],
): ParsedFlags {
  const flags: ParsedFlags = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq > 0 ? eq : undefined) : '';
    if (switches.includes(name) && eq < 0) {
      flags[name] = true;
    } else if (valueFlags.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[(i += 1)];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
        throw new Error(`--${name} needs a value`);
      flags[name] = value;
    } else {
      throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return flags;
}

/** Parses a TCP port (0 = any free port). */
export function parsePort(value: string | true | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new Error('--port must be a number from 0 to 65535');
  return port;
}

/** A portal address must be an http(s) URL. */
export function parsePortalUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('--portal must be a URL such as https://portal.example');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('--portal must be an http(s) URL');
  return url.toString().replace(/\/$/, '');
}
