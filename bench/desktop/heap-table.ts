/** Table rows for the heap section of `npm run bench:desktop` (see heap-growth.ts). */
import { topGrowth, type HeapBreakdown } from './heap-snapshot';
import type { HeapRun } from './heap-growth';

type Row = [string, string, string];

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const pct = (from: number, to: number): string => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)} %`;

function split(b: HeapBreakdown): string {
  return `objects ${mb(b.objects)}, code ${mb(b.code)}, Blink ${mb(b.native)}`;
}

function rects(b: HeapBreakdown): number {
  return b.counts.get('native:DOMRectReadOnly') ?? 0;
}

/** Rows comparing both methods checkpoint by checkpoint, then the diagnostics. */
export function heapRows(user: HeapRun, inspector: HeapRun | null, jsFlags: string): Row[] {
  const u0 = user.readings[0]!;
  const i0 = inspector?.readings[0];
  const uN = user.readings[user.readings.length - 1]!;
  const uM = user.readings[user.readings.length - 2] ?? u0;
  const rows: Row[] = [
    ['renderer JS heap, user method: after gc() ×2 (--expose-gc),', '', ''],
    ['  performance.memory.usedJSHeapSize (--enable-precise-memory-info);', '', ''],
    ['  cycles by mouse/keyboard Input events, no protocol domain enabled', '', ''],
    [`  V8 flags`, jsFlags, ''],
    [`heap growth, cycle 1 → ${uN.cycle} (user method)`, pct(u0.used, uN.used), '≤ 20 %'],
    ['  per cycle', `${((uN.used - u0.used) / Math.max(1, uN.cycle - 1) / 1024).toFixed(2)} KB`, ''],
    [`  per cycle between the last two readings (${uM.cycle} → ${uN.cycle})`, `${((uN.used - uM.used) / Math.max(1, uN.cycle - uM.cycle) / 1024).toFixed(2)} KB`, ''],
    ['side by side: after cycle  | user method | inspector method (DOM.* driven,', '', ''],
    ['  HeapProfiler.collectGarbage ×2, Runtime.getHeapUsage, snapshot each row)', '', ''],
  ];
  user.readings.forEach((reading, k) => {
    const other = inspector?.readings[k];
    const right = other && i0 ? `${mb(other.used)} (${pct(i0.used, other.used)})` : '–';
    rows.push([`  ${reading.cycle}`, `${mb(reading.used)} (${pct(u0.used, reading.used)})`, right]);
  });
  if (inspector) rows.push(['inspector method, snapshot split by checkpoint', '', '']);
  for (const reading of inspector?.readings ?? []) {
    if (reading.breakdown) rows.push([`  ${reading.cycle}`, split(reading.breakdown), `DOMRectReadOnly ${rects(reading.breakdown)}`]);
  }
  const iN = inspector?.readings[inspector.readings.length - 1];
  if (i0?.breakdown && iN?.breakdown) {
    rows.push([`  node kinds that grew most, cycle 1 → ${iN.cycle}`, '', '']);
    for (const [kind, grew] of topGrowth(i0.breakdown, iN.breakdown, 8)) rows.push([`    +${grew}`, kind, '']);
  }
  for (const reading of user.readings) {
    if (reading.breakdown) rows.push([`  user method with snapshots, ${reading.cycle}`, split(reading.breakdown), `DOMRectReadOnly ${rects(reading.breakdown)}`]);
  }
  rows.push([`user method, snapshot after its last reading (cycle ${uN.cycle})`, split(user.final), `DOMRectReadOnly ${rects(user.final)}`]);
  const finals: Array<[string, HeapBreakdown]> = [['user', user.final]];
  if (inspector) finals.push(['inspector', inspector.final]);
  for (const [name, run] of finals) {
    const holders = [...run.rectRetainers].sort((a, b) => b[1] - a[1]).slice(0, 12);
    rows.push([`  DOMRectReadOnly and its holders held by (${name}, last snapshot)`, holders.length === 0 ? 'none' : '', '']);
    for (const [holder, count] of holders) rows.push([`    ${count}×`, holder, '']);
  }
  return rows;
}

/** The user method repeated with stock V8 flags (an ordinary browser), for comparison. */
export function stockHeapRows(stock: HeapRun): Row[] {
  const s0 = stock.readings[0]!;
  const sN = stock.readings[stock.readings.length - 1]!;
  const rows: Row[] = [[`same cycles with stock V8 flags (--expose-gc only): growth 1 → ${sN.cycle}`, pct(s0.used, sN.used), '']];
  for (const reading of stock.readings) rows.push([`  ${reading.cycle}`, `${mb(reading.used)} (${pct(s0.used, reading.used)})`, '']);
  rows.push([`  snapshot after cycle ${sN.cycle}`, split(stock.final), '']);
  return rows;
}
