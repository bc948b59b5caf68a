/**
 * Redaction for anything that leaves the machine in a diagnostics bundle.
 * Errs on the side of hiding too much: a support engineer can ask again, a
 * leaked session token cannot be taken back.
 */
import { MULTILINE, replaceUnsafe } from '../../../common/text/guard';

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Query/form/JSON keys whose values are always secret. */
const SECRET_KEYS =
  'password|passwd|pwd|passcode|otp|code|secret|token|access_token|refresh_token|id_token|session|sessionid|session_id|sid|ticket|logonticket|logon_ticket|authorization|auth|apikey|api_key|key|cookie|set-cookie|signature|sig|answer|answers|backupcode|backup_code|remember|rememberme|credential|credentials|private';

const RULES: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // PEM blocks (private keys, certificates with keys).
  [/-----BEGIN [A-Z ]+-----[\s\S]*?(?:-----END [A-Z ]+-----|$)/g, REDACTED],
  // Authorization headers: Bearer/Basic/Negotiate and friends.
  [/\b(Bearer|Basic|Digest|Negotiate|NTLM|Token)\s+[A-Za-z0-9._~+/=-]+/gi, (_m, scheme: string) => `${scheme} ${REDACTED}`],
  // Cookie headers: every value.
  [/\b((?:Set-)?Cookie)\s*:\s*[^\r\n]*/gi, (_m, name: string) => `${name}: ${REDACTED}`],
  // URL userinfo: https://user:pass@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]*@/gi, (_m, scheme: string) => `${scheme}${REDACTED}@`],
  // key=value (query strings, form bodies, logs) and key: value / "key": "value".
  [
    new RegExp(`(["']?)\\b([A-Za-z0-9_-]*(?:${SECRET_KEYS}))\\1(\\s*[=:]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^"'&\\s,;}]+)`, 'gi'),
    (_m, q: string, key: string, sep: string, value: string) => {
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      return `${q}${key}${q}${sep}${quote}${REDACTED}${quote}`;
    },
  ],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // ICA logon tickets and similar long hex strings (≥ 32 hex digits).
  [/\b[0-9A-Fa-f]{32,}\b/g, REDACTED],
  // Long base64 / base64url runs (≥ 32 characters): tokens, sealed secrets, keys.
  // (A run without any digit is more likely a long path or word than a token.)
  [/[A-Za-z0-9+/_-]{32,}={0,2}/g, (match: string) => (/\d/.test(match) && /[A-Za-z]/.test(match) ? REDACTED : match)],
  // 6–8 digit numbers standing alone could be one-time codes.
  [/(?<![\d.:/-])\b\d{6,8}\b(?![\d.:/-])/g, REDACTED],
];

/** Returns `text` with every secret-looking value replaced by {@link REDACTED}. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) {
    out = out.replace(pattern, replacement as never);
  }
  return out;
}

/**
 * Blanks out unsafe characters (all but tab and newline) so a bundle can't
 * hide lines, reorder text with bidi controls or spoof a terminal.
 */
export function printable(text: string): string {
  return replaceUnsafe(text, ' ', MULTILINE);
}
