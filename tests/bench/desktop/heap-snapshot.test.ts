import { describe, expect, it } from 'vitest';
import { checkpointsFor } from '../../../bench/desktop/heap-growth';
import { breakdownOf, topGrowth } from '../../../bench/desktop/heap-snapshot';

/** A tiny V8-format snapshot: nodes [type, name, id, self_size, edge_count], edges [type, name_or_index, to_node]. */
function snapshot(extraRects: number): string {
  const strings = ['(root)', 'HTMLDivElement', 'DOMRectReadOnly', 'rect', 'foo', 'InstructionStream'];
  const nodes: number[] = [];
  const edges: number[] = [];
  const node = (type: number, name: number, size: number, edgeCount: number): number => {
    nodes.push(type, name, nodes.length, size, edgeCount);
    return nodes.length - 5;
  };
  const rects = 1 + extraRects;
  node(0, 0, 0, 1); // synthetic root → div
  node(1, 1, 100, rects); // native div holds every rect
  node(2, 4, 40, 0); // an object
  node(3, 5, 1000, 0); // code
  const rectNodes = Array.from({ length: rects }, () => node(1, 2, 24, 0));
  edges.push(1, 1, 5); // root --element[1]--> div (node offset 5)
  for (const to of rectNodes) edges.push(0, 3, to); // div --property:rect--> rect
  return JSON.stringify({
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [['synthetic', 'native', 'object', 'code']],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [['property', 'element', 'weak']],
      },
    },
    nodes,
    edges,
    strings,
  });
}

describe('heap snapshot breakdown', () => {
  it('sums self sizes by kind and names who holds DOMRectReadOnly', () => {
    const result = breakdownOf(snapshot(2));
    expect(result.code).toBe(1000);
    expect(result.objects).toBe(40);
    expect(result.native).toBe(100 + 3 * 24);
    expect(result.counts.get('native:DOMRectReadOnly')).toBe(3);
    expect([...result.rectRetainers]).toEqual([['native:HTMLDivElement --property:rect--> DOMRectReadOnly', 3]]);
  });

  it('diffs node counts between two snapshots', () => {
    expect(topGrowth(breakdownOf(snapshot(0)), breakdownOf(snapshot(4)), 3)).toEqual([['native:DOMRectReadOnly', 4]]);
  });
});

describe('heap checkpoints', () => {
  it('reads after cycle 1, every 50 cycles and the last cycle', () => {
    expect(checkpointsFor(200, undefined)).toEqual([1, 50, 100, 150, 200]);
    expect(checkpointsFor(120, undefined)).toEqual([1, 50, 100, 120]);
  });

  it('takes listed checkpoints, bounded by the cycle count', () => {
    expect(checkpointsFor(400, '100, 50,300,900,x')).toEqual([1, 50, 100, 300, 400]);
  });
});
