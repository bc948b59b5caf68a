/**
 * The text guard: the one place that decides which characters are unsafe in
 * text that crosses a trust boundary (IPC arguments, request bodies, names the
 * portal sends, values written into launch files, logs and reports).
 *
 * Unsafe, always:
 * - control characters: C0 (U+0000–U+001F, NUL included), DEL (U+007F) and C1
 *   (U+0080–U+009F). They break lines, truncate native strings and drive terminals;
 * - U+2028/U+2029, the line and paragraph separators that JavaScript and many
 *   viewers treat as line breaks;
 * - lone surrogates (an unpaired UTF-16 half): no valid UTF-8 exists for them,
 *   so they turn into U+FFFD or errors somewhere downstream;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
 *   they reorder what a reader sees ("txt.exe" shown as "exe.txt").
 *
 * Text shapes: a single line refuses all of the above; multiline text may
 * allow line feeds and tabs (never CR). Display names may also refuse every
 * invisible format character (Unicode Cf: zero-width spaces and joiners,
 * soft hyphen, BOM). Pairs of surrogates (emoji, other astral characters) are
 * ordinary characters and always pass.
 *
 * Plain TypeScript plus zod, so every process (main, preload, renderer,
 * server) can share it.
 */
import { z } from 'zod';

/** Why a character is unsafe. */
export type UnsafeCharacterKind = 'control' | 'line-separator' | 'lone-surrogate' | 'bidi' | 'invisible';

/** Which otherwise-unsafe characters a text shape allows, and which extra ones it refuses. */
export interface TextRules {
  /** Allows line feeds (U+000A): multiline text. CR stays unsafe. */
  newlines?: boolean;
  /** Allows tabs (U+0009). */
  tabs?: boolean;
  /** Also refuses every invisible format character (Unicode Cf), for names shown to people. */
  invisible?: boolean;
}

/** A single line: nothing unsafe allowed. */
export const SINGLE_LINE: Readonly<TextRules> = Object.freeze({});
/** Multiline text: line feeds and tabs allowed, nothing else unsafe. */
export const MULTILINE: Readonly<TextRules> = Object.freeze({ newlines: true, tabs: true });

/** The first unsafe character found in a text. */
export interface UnsafeCharacter {
  /** UTF-16 index in the text. */
  index: number;
  /** The code point (for a lone surrogate, the surrogate's code unit). */
  codePoint: number;
  kind: UnsafeCharacterKind;
}

const TAB = 0x09;
const LINE_FEED = 0x0a;
const FORMAT_CHARACTER = /^\p{Cf}$/u;

/** C0 (NUL included), DEL and C1 control characters. */
export function isControlCharacter(codePoint: number): boolean {
  return codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/** U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR. */
export function isLineSeparator(codePoint: number): boolean {
  return codePoint === 0x2028 || codePoint === 0x2029;
}

/** Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
export function isBidiControl(codePoint: number): boolean {
  return (codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069);
}

/** Invisible format characters: Unicode general category Cf (bidi controls included). */
export function isInvisibleFormatCharacter(codePoint: number): boolean {
  return FORMAT_CHARACTER.test(String.fromCodePoint(codePoint));
}

/** Why `codePoint` is unsafe under `rules`, or null when it is allowed. */
export function unsafeKind(codePoint: number, rules: TextRules = SINGLE_LINE): UnsafeCharacterKind | null {
  if (codePoint === LINE_FEED && rules.newlines) return null;
  if (codePoint === TAB && rules.tabs) return null;
  if (isControlCharacter(codePoint)) return 'control';
  if (isLineSeparator(codePoint)) return 'line-separator';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'lone-surrogate';
  if (isBidiControl(codePoint)) return 'bidi';
  if (rules.invisible && isInvisibleFormatCharacter(codePoint)) return 'invisible';
  return null;
}

/**
 * Visits every code point of `text` with its UTF-16 index and width (1 or 2).
 * `codePointAt` yields a lone surrogate's own code unit, which is how lone
 * surrogates reach {@link unsafeKind}.
 */
function forEachCodePoint(text: string, visit: (codePoint: number, index: number, width: number) => boolean | void): void {
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    if (visit(codePoint, index, width) === false) return;
    index += width;
  }
}

/** The first unsafe character of `text` under `rules`, or null when the text is safe. */
export function findUnsafeCharacter(text: string, rules: TextRules = SINGLE_LINE): UnsafeCharacter | null {
  let found: UnsafeCharacter | null = null;
  forEachCodePoint(text, (codePoint, index) => {
    const kind = unsafeKind(codePoint, rules);
    if (kind === null) return true;
    found = { index, codePoint, kind };
    return false;
  });
  return found;
}

/** True when `text` has no character unsafe under `rules`. */
export function isSafeText(text: string, rules: TextRules = SINGLE_LINE): boolean {
  return findUnsafeCharacter(text, rules) === null;
}

/** True when `text` is one safe line (nothing unsafe at all). */
export function isSafeLine(text: string): boolean {
  return isSafeText(text, SINGLE_LINE);
}

/** True when `text` is safe multiline text (line feeds and tabs allowed). */
export function isSafeMultiline(text: string): boolean {
  return isSafeText(text, MULTILINE);
}

/** True when `text` holds an unpaired UTF-16 surrogate. */
export function hasLoneSurrogate(text: string): boolean {
  let lone = false;
  forEachCodePoint(text, (codePoint) => {
    lone = codePoint >= 0xd800 && codePoint <= 0xdfff;
    return !lone;
  });
  return lone;
}

/** How {@link replaceUnsafe} rewrites a text. */
export interface ReplaceOptions extends TextRules {
  /** One replacement for a whole run of unsafe characters (default: one per character). */
  collapse?: boolean;
}

/**
 * `text` with every unsafe character (one code point, or one lone surrogate)
 * replaced by `replacement`, for showing hostile text in a menu, log or report.
 */
export function replaceUnsafe(text: string, replacement: string, options: ReplaceOptions = SINGLE_LINE): string {
  let out = '';
  let start = 0;
  let inRun = false;
  forEachCodePoint(text, (codePoint, index, width) => {
    if (unsafeKind(codePoint, options) === null) {
      inRun = false;
      return;
    }
    out += text.slice(start, index);
    if (!(options.collapse && inRun)) out += replacement;
    inRun = true;
    start = index + width;
  });
  return start === 0 ? text : out + text.slice(start);
}

/** The message every guarded schema reports: the same words everywhere. */
export const UNSAFE_TEXT_MESSAGE = 'Contains a character that is not allowed here (a control, line-separator, bidi or unpaired surrogate character).';

/** The `params` of an unsafe-text zod issue, for callers that want the details. */
export interface UnsafeTextIssueParams {
  reason: 'unsafe_text';
  kind: UnsafeCharacterKind;
  index: number;
  codePoint: number;
}

/**
 * A zod check that refuses unsafe characters under `rules`; append it to a
 * string schema with `.check(textCheck())`, after any `.trim()`.
 */
export function textCheck(rules: TextRules = SINGLE_LINE): z.core.$ZodCheck<string> {
  return z.superRefine<string>((value, ctx) => {
    const unsafe = findUnsafeCharacter(value, rules);
    if (unsafe === null) return;
    const params: UnsafeTextIssueParams = { reason: 'unsafe_text', ...unsafe };
    ctx.addIssue({ code: 'custom', message: UNSAFE_TEXT_MESSAGE, input: value, params });
  });
}

/** Shape of a {@link safeText} schema. */
export interface SafeTextOptions extends TextRules {
  /** Longest text, in UTF-16 units (zod's `max`). */
  max: number;
  /** Shortest text (zod's `min`); none by default. */
  min?: number;
  /** Trim surrounding whitespace before every other check. */
  trim?: boolean;
}

/** A string schema: optionally trimmed, bounded, and guarded by {@link textCheck}. */
export function safeText(options: SafeTextOptions): z.ZodString {
  let schema = z.string();
  if (options.trim) schema = schema.trim();
  if (options.min !== undefined) schema = schema.min(options.min);
  return schema.max(options.max).check(textCheck(options));
}
