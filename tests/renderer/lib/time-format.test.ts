import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from '../../../renderer/src/lib/time-format';

const RENDERER = join(__dirname, '../../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('one time format', () => {
  it('shows a moment with Intl in the user locale: a medium date with a short time, or the short time', () => {
    const at = '2026-12-03T16:22:55.000Z';
    expect(formatDateTime(at)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
    );
    expect(formatTime(at)).toBe(
      new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(at)),
    );
    expect(formatDateTime(Date.parse(at))).toBe(formatDateTime(new Date(at)));
  });

  it('shows "—" for a missing or invalid moment', () => {
    for (const bad of [null, undefined, '', 'not a date']) {
      expect(formatDateTime(bad)).toBe('—');
      expect(formatTime(bad)).toBe('—');
    }
  });

  it('is the only place in the renderer that formats a date or time', () => {
    const formatting = /\.toLocale(String|DateString|TimeString)\(|new Intl\.DateTimeFormat\(/;
    const others = sources(RENDERER)
      .filter((file) => !file.endsWith(join('lib', 'time-format.ts')))
      .filter((file) => formatting.test(readFileSync(file, 'utf8')))
      .map((file) => relative(RENDERER, file));
    expect(others).toEqual([]);
  });
});
