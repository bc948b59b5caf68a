/** Small helpers shared by the benchmark scripts. */

import { chromiumArgs } from '../scripts/chromium';

export { chromiumArgs, chromiumPath } from '../scripts/chromium';

/** {@link chromiumArgs} plus `--js-flags=<jsFlags>` when there are any. */
export function chromiumArgsWith(jsFlags: string): string[] {
  return jsFlags ? [...chromiumArgs, `--js-flags=${jsFlags}`] : chromiumArgs;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Prints rows of [measure, value, target] as an aligned table. */
export function printTable(title: string, rows: Array<[string, string, string]>): void {
  const header: [string, string, string] = ['measure', 'value', 'target'];
  const all = [header, ...rows];
  const widths = [0, 1, 2].map((i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: [string, string, string]): string => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}\n${'-'.repeat(title.length)}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
