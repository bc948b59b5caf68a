/**
 * What a renderer heap is made of, from a V8 heap snapshot taken through the
 * DevTools protocol. `Runtime.getHeapUsage` (the measure) counts
 * everything in the V8 heap, including the machine code and bytecode V8
 * produces as it warms up; this splits that out so a growing number can be
 * told apart from objects the app keeps alive.
 */
import type { CDPSession } from 'playwright-core';

/** Bytes by kind of heap node (self sizes). */
export interface HeapBreakdown {
  /** Objects, closures, strings, arrays, shapes: what app code can leak. */
  objects: number;
  /** Bytecode, baseline/optimized machine code, feedback and their metadata. */
  code: number;
  /** Blink (C++) objects reachable from JS: DOM nodes, performance entries… */
  native: number;
  /** Node counts by `type:name` (for diffs between two snapshots). */
  counts: Map<string, number>;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Takes a snapshot (after the caller's GC) and sums it by kind. */
export async function heapBreakdown(cdp: CDPSession): Promise<HeapBreakdown> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }): void => void chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return summarize(JSON.parse(chunks.join('')) as RawSnapshot);
}

function summarize(raw: RawSnapshot): HeapBreakdown {
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const result: HeapBreakdown = { objects: 0, code: 0, native: 0, counts: new Map() };
  for (let i = 0; i < raw.nodes.length; i += fields.length) {
    const type = types[raw.nodes[i + typeAt]!] ?? 'unknown';
    const size = raw.nodes[i + sizeAt]!;
    if (type === 'code') result.code += size;
    else if (type === 'native') result.native += size;
    else if (type !== 'synthetic') result.objects += size;
    const key = `${type}:${String(raw.strings[raw.nodes[i + nameAt]!]).slice(0, 60)}`;
    result.counts.set(key, (result.counts.get(key) ?? 0) + 1);
  }
  return result;
}

/** The node kinds whose count grew the most from `before` to `after`. */
export function topGrowth(before: HeapBreakdown, after: HeapBreakdown, limit: number): Array<[string, number]> {
  return [...after.counts]
    .map(([key, count]): [string, number] => [key, count - (before.counts.get(key) ?? 0)])
    .filter(([, grew]) => grew > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
}
