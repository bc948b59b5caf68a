/**
 * What a renderer heap is made of, from a V8 heap snapshot taken through the
 * DevTools protocol. `Runtime.getHeapUsage` (the earlier measure) counts
 * everything in the V8 heap, including the machine code and bytecode V8
 * produces as it warms up; this splits that out so a growing number can be
 * told apart from objects the app keeps alive.
 */
import type { CDPSession } from 'playwright-core';
import type { PageSession } from './cdp-pipe';

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
  /**
   * What holds the `DOMRectReadOnly` objects and their holders:
   * `retainer type:name --edge--> target` counts (they grew over the cycles;
   * this says whether the app keeps them).
   */
  rectRetainers: Map<string, number>;
}

/** Blink objects whose holders are listed in `rectRetainers` (the rects, and what holds those). */
const WATCHED = new Set(['DOMRectReadOnly', 'LayoutShiftAttribution', 'LayoutShift']);

interface RawSnapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Takes a snapshot (after the caller's GC) through Playwright's session and sums it by kind. */
export async function heapBreakdown(cdp: CDPSession): Promise<HeapBreakdown> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }): void => void chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return breakdownOf(chunks.join(''));
}

/** The same through a piped session (cdp-pipe.ts). */
export async function pipedHeapBreakdown(session: PageSession): Promise<HeapBreakdown> {
  const chunks: string[] = [];
  const off = session.on('HeapProfiler.addHeapSnapshotChunk', (params) => void chunks.push((params as { chunk: string }).chunk));
  try {
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    off();
  }
  return breakdownOf(chunks.join(''));
}

/** Sums a serialized snapshot by kind. */
export function breakdownOf(json: string): HeapBreakdown {
  return summarize(JSON.parse(json) as RawSnapshot);
}

function summarize(raw: RawSnapshot): HeapBreakdown {
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const result: HeapBreakdown = { objects: 0, code: 0, native: 0, counts: new Map(), rectRetainers: new Map() };
  for (let i = 0; i < raw.nodes.length; i += fields.length) {
    const type = types[raw.nodes[i + typeAt]!] ?? 'unknown';
    const size = raw.nodes[i + sizeAt]!;
    if (type === 'code') result.code += size;
    else if (type === 'native') result.native += size;
    else if (type !== 'synthetic') result.objects += size;
    const key = `${type}:${String(raw.strings[raw.nodes[i + nameAt]!]).slice(0, 60)}`;
    result.counts.set(key, (result.counts.get(key) ?? 0) + 1);
  }
  countRectRetainers(raw, result.rectRetainers);
  return result;
}

function countRectRetainers(raw: RawSnapshot, into: Map<string, number>): void {
  const { node_fields: fields, node_types: [types], edge_fields: edgeFields, edge_types: [edgeTypes] } = raw.snapshot.meta;
  const nameAt = fields.indexOf('name');
  const typeAt = fields.indexOf('type');
  const edgeCountAt = fields.indexOf('edge_count');
  const edgeTypeAt = edgeFields.indexOf('type');
  const edgeNameAt = edgeFields.indexOf('name_or_index');
  const toAt = edgeFields.indexOf('to_node');
  const name = (node: number): string => String(raw.strings[raw.nodes[node + nameAt]!]).slice(0, 60);
  let edge = 0;
  for (let node = 0; node < raw.nodes.length; node += fields.length) {
    const count = raw.nodes[node + edgeCountAt]!;
    for (let e = 0; e < count; e += 1, edge += edgeFields.length) {
      const to = raw.edges[edge + toAt]!;
      if (!WATCHED.has(name(to))) continue;
      const edgeType = edgeTypes[raw.edges[edge + edgeTypeAt]!] ?? '?';
      if (edgeType === 'weak') continue;
      // Indexed edges are summed over their index: 150 entries of one buffer are one holder.
      const label = edgeType === 'element' || edgeType === 'hidden' ? '[]' : String(raw.strings[raw.edges[edge + edgeNameAt]!]);
      const key = `${types[raw.nodes[node + typeAt]!] ?? '?'}:${name(node)} --${edgeType}:${label.slice(0, 30)}--> ${name(to)}`;
      into.set(key, (into.get(key) ?? 0) + 1);
    }
  }
}

/** The node kinds whose count grew the most from `before` to `after`. */
export function topGrowth(before: HeapBreakdown, after: HeapBreakdown, limit: number): Array<[string, number]> {
  return [...after.counts]
    .map(([key, count]): [string, number] => [key, count - (before.counts.get(key) ?? 0)])
    .filter(([, grew]) => grew > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
}
