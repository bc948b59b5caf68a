/** Keys that move focus between tiles. */
export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

const GRID_KEYS: ReadonlySet<string> = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** Whether a key press is one the tile grid handles for movement. */
export function isGridKey(key: string): key is GridKey {
  return GRID_KEYS.has(key);
}

/**
 * The tile that gets focus after a key press in a grid of `count` tiles laid
 * out `columns` wide (row-major). Movement stops at the edges rather than
 * wrapping, except Left/Right which follow reading order across rows.
 */
export function nextGridIndex(current: number, key: GridKey, count: number, columns: number): number {
  if (count <= 0) return -1;
  const cols = Math.max(1, Math.floor(columns));
  const from = Math.min(Math.max(0, current), count - 1);
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, from - 1);
    case 'ArrowRight':
      return Math.min(count - 1, from + 1);
    case 'ArrowUp':
      return from - cols >= 0 ? from - cols : from;
    case 'ArrowDown': {
      if (from + cols < count) return from + cols;
      // A shorter last row: go to its last tile when there is a row below.
      const lastRowStart = Math.floor((count - 1) / cols) * cols;
      return from < lastRowStart ? count - 1 : from;
    }
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

/** Counts how many tiles share the first row, from their top offsets. */
export function columnsFromOffsets(tops: readonly number[]): number {
  if (tops.length === 0) return 1;
  const first = tops[0] ?? 0;
  let columns = 0;
  for (const top of tops) {
    if (Math.abs(top - first) > 2) break;
    columns += 1;
  }
  return Math.max(1, columns);
}
