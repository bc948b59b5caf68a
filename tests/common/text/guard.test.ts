import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  findUnsafeCharacter,
  hasLoneSurrogate,
  isBidiControl,
  isControlCharacter,
  isInvisibleFormatCharacter,
  isLineSeparator,
  isSafeLine,
  isSafeMultiline,
  isSafeText,
  MULTILINE,
  replaceUnsafe,
  safeText,
  textCheck,
  UNSAFE_TEXT_MESSAGE,
  unsafeKind,
  type UnsafeCharacterKind,
} from '../../../common/text/guard';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const chr = (codePoint: number): string => String.fromCharCode(codePoint);

/** Every unsafe class, with each of its members. */
const UNSAFE: Array<[UnsafeCharacterKind, number[]]> = [
  ['control', [...range(0x00, 0x1f), 0x7f, ...range(0x80, 0x9f)]],
  ['line-separator', [0x2028, 0x2029]],
  ['lone-surrogate', [0xd800, 0xdbff, 0xdc00, 0xdfff]],
  ['bidi', [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)]],
];

const SAFE_SAMPLES = [
  '',
  'plain ASCII text ~!@#$%^&*()',
  'Grüße, Zoë, Ærøskøbing, 東京, Ελλάδα, עברית, العربية',
  'emoji 😀 and a flag 🇩🇪 and a family 👨‍👩‍👧',
  '𝄞 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{10FFFF}',
  '\uD83D\uDE00', // an explicitly paired surrogate
  'marks that are not overrides: \u200E \u200F \u061C',
  '\u00A0 non-breaking and \u3000 ideographic spaces',
  '\uFFFD replacement character',
];

describe('character classes', () => {
  it('names C0, DEL and C1 as control characters, and nothing around them', () => {
    for (const cp of [...range(0x00, 0x1f), 0x7f, ...range(0x80, 0x9f)]) expect(isControlCharacter(cp)).toBe(true);
    for (const cp of [0x20, 0x41, 0x7e, 0xa0, 0xff, 0x2028]) expect(isControlCharacter(cp)).toBe(false);
  });

  it('names exactly U+2028/U+2029 as line separators', () => {
    expect(isLineSeparator(0x2028)).toBe(true);
    expect(isLineSeparator(0x2029)).toBe(true);
    for (const cp of [0x2027, 0x202a, 0x0a, 0x85]) expect(isLineSeparator(cp)).toBe(false);
  });

  it('names embeddings, overrides and isolates as bidi controls', () => {
    for (const cp of [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)]) expect(isBidiControl(cp)).toBe(true);
    for (const cp of [0x2029, 0x202f, 0x2065, 0x206a, 0x200e, 0x200f]) expect(isBidiControl(cp)).toBe(false);
  });

  it('names Unicode Cf characters as invisible format characters', () => {
    for (const cp of [0x00ad, 0x200b, 0x200d, 0x2060, 0xfeff, 0x202e]) expect(isInvisibleFormatCharacter(cp)).toBe(true);
    for (const cp of [0x41, 0x20, 0x0a, 0x1f600]) expect(isInvisibleFormatCharacter(cp)).toBe(false);
  });

  it('classifies each unsafe character under the default (single-line) rules', () => {
    for (const [kind, codePoints] of UNSAFE) for (const cp of codePoints) expect(unsafeKind(cp)).toBe(kind);
    expect(unsafeKind(0x41)).toBeNull();
    expect(unsafeKind(0x1f600)).toBeNull();
    expect(unsafeKind(0x200b)).toBeNull();
    expect(unsafeKind(0x200b, { invisible: true })).toBe('invisible');
  });
});

describe('findUnsafeCharacter and the predicates', () => {
  it.each(SAFE_SAMPLES)('passes safe text %j', (text) => {
    expect(findUnsafeCharacter(text)).toBeNull();
    expect(isSafeLine(text)).toBe(true);
    expect(isSafeMultiline(text)).toBe(true);
    expect(hasLoneSurrogate(text)).toBe(false);
  });

  for (const [kind, codePoints] of UNSAFE) {
    it(`finds every ${kind} character at the start, middle and end`, () => {
      for (const cp of codePoints) {
        const c = chr(cp);
        for (const [text, index] of [[`${c}abc`, 0], [`ab${c}cd`, 2], [`😀abc${c}`, 5], [c, 0]] as const) {
          const expected = cp === 0x0a || cp === 0x09 ? null : { index, codePoint: cp, kind };
          expect(findUnsafeCharacter(text)).toEqual({ index, codePoint: cp, kind });
          expect(isSafeLine(text)).toBe(false);
          expect(findUnsafeCharacter(text, MULTILINE)).toEqual(expected);
          expect(isSafeMultiline(text)).toBe(expected === null);
        }
      }
    });
  }

  it('finds lone surrogates but never paired ones, wherever they sit', () => {
    for (const text of ['\uD800', 'a\uD83Db', 'a\uDE00', '\uDE00\uD83D', '😀\uD83D', '\uDE00😀']) {
      expect(hasLoneSurrogate(text)).toBe(true);
      expect(findUnsafeCharacter(text)?.kind).toBe('lone-surrogate');
    }
    expect(findUnsafeCharacter('ab\uDE00\uD83D')).toEqual({ index: 2, codePoint: 0xde00, kind: 'lone-surrogate' });
    expect(hasLoneSurrogate('😀😀\uD83D\uDE00')).toBe(false);
  });

  it('lets multiline text keep line feeds and tabs, but never CR', () => {
    expect(isSafeMultiline('one\ntwo\tthree')).toBe(true);
    expect(isSafeMultiline('one\r\ntwo')).toBe(false);
    expect(isSafeText('one\ntwo', { newlines: true })).toBe(true);
    expect(isSafeText('one\ttwo', { newlines: true })).toBe(false);
    expect(isSafeText('one\ttwo', { tabs: true })).toBe(true);
    expect(isSafeText('one\ntwo', { tabs: true })).toBe(false);
  });

  it('refuses invisible format characters only when asked', () => {
    for (const text of ['a\u200Bb', '\uFEFFx', 'soft\u00ADhyphen', 'zero\u200Djoiner']) {
      expect(isSafeLine(text)).toBe(true);
      expect(findUnsafeCharacter(text, { invisible: true })?.kind).toBe('invisible');
    }
    expect(findUnsafeCharacter('a\u202Eb', { invisible: true })?.kind).toBe('bidi');
  });
});

describe('replaceUnsafe', () => {
  it('replaces each unsafe character (a lone surrogate counts as one) and keeps the rest', () => {
    expect(replaceUnsafe('a\u0000b\u202Ec\u2028d\uD800e😀', '_')).toBe('a_b_c_d_e😀');
    expect(replaceUnsafe('\u0001start', '?')).toBe('?start');
    expect(replaceUnsafe('end\u009f', '?')).toBe('end?');
  });

  it('returns safe text unchanged', () => {
    for (const text of SAFE_SAMPLES) expect(replaceUnsafe(text, '_')).toBe(text);
  });

  it('collapses runs on request', () => {
    expect(replaceUnsafe('a\r\n\u0000b\u202Ec', ' ', { collapse: true })).toBe('a b c');
    expect(replaceUnsafe('\r\n', ' ', { collapse: true })).toBe(' ');
  });

  it('follows the text rules', () => {
    expect(replaceUnsafe('a\tb\nc\rd', ' ', MULTILINE)).toBe('a\tb\nc d');
    expect(replaceUnsafe('a\u200Bb', ' ', { invisible: true })).toBe('a b');
  });
});

describe('zod helpers', () => {
  it('textCheck adds one typed issue with the shared message', () => {
    const schema = z.string().check(textCheck());
    expect(schema.safeParse('fine 😀').success).toBe(true);
    const result = schema.safeParse('bad\u202Etxt');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'custom',
      message: UNSAFE_TEXT_MESSAGE,
      params: { reason: 'unsafe_text', kind: 'bidi', index: 3, codePoint: 0x202e },
    });
  });

  it('textCheck follows the text rules', () => {
    expect(z.string().check(textCheck(MULTILINE)).safeParse('a\nb\tc').success).toBe(true);
    expect(z.string().check(textCheck({ newlines: true })).safeParse('a\tb').success).toBe(false);
  });

  it('safeText bounds, trims and guards', () => {
    const name = safeText({ max: 5, min: 1, trim: true });
    expect(name.parse('  abc  ')).toBe('abc');
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('abcdef').success).toBe(false);
    expect(name.safeParse('a\u0000').success).toBe(false);
    expect(name.safeParse('a\nb').success).toBe(false);
    const note = safeText({ max: 50, newlines: true });
    expect(note.parse('')).toBe('');
    expect(note.parse('line\nline')).toBe('line\nline');
    expect(note.safeParse('line\u2029line').success).toBe(false);
  });

  it('safeText stays a string schema that chains further', () => {
    const schema = safeText({ max: 10 }).min(2).optional();
    expect(schema.safeParse(undefined).success).toBe(true);
    expect(schema.safeParse('a').success).toBe(false);
    expect(schema.safeParse('ab\u0085').success).toBe(false);
    expect(schema.safeParse('ab').success).toBe(true);
  });
});
