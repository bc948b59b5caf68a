import { describe, expect, it } from 'vitest';
import { columnsFromOffsets, isGridKey, nextGridIndex } from '../../../../renderer/src/features/launcher/grid-navigation';

describe('nextGridIndex', () => {
  // 7 tiles, 3 columns:
  // 0 1 2
  // 3 4 5
  // 6
  const count = 7;
  const cols = 3;

  it('moves left and right in reading order, stopping at the ends', () => {
    expect(nextGridIndex(1, 'ArrowRight', count, cols)).toBe(2);
    expect(nextGridIndex(2, 'ArrowRight', count, cols)).toBe(3);
    expect(nextGridIndex(6, 'ArrowRight', count, cols)).toBe(6);
    expect(nextGridIndex(3, 'ArrowLeft', count, cols)).toBe(2);
    expect(nextGridIndex(0, 'ArrowLeft', count, cols)).toBe(0);
  });

  it('moves up and down by a row', () => {
    expect(nextGridIndex(1, 'ArrowDown', count, cols)).toBe(4);
    expect(nextGridIndex(4, 'ArrowUp', count, cols)).toBe(1);
    expect(nextGridIndex(1, 'ArrowUp', count, cols)).toBe(1);
    expect(nextGridIndex(3, 'ArrowDown', count, cols)).toBe(6);
  });

  it('down into a shorter last row lands on its last tile', () => {
    expect(nextGridIndex(5, 'ArrowDown', count, cols)).toBe(6);
    expect(nextGridIndex(6, 'ArrowDown', count, cols)).toBe(6);
  });

  it('Home and End go to the first and last tile', () => {
    expect(nextGridIndex(4, 'Home', count, cols)).toBe(0);
    expect(nextGridIndex(0, 'End', count, cols)).toBe(count - 1);
  });

  it('copes with one column, empty grids and out-of-range input', () => {
    expect(nextGridIndex(0, 'ArrowDown', 3, 1)).toBe(1);
    expect(nextGridIndex(0, 'ArrowRight', 0, 3)).toBe(-1);
    expect(nextGridIndex(99, 'ArrowLeft', 5, 0)).toBe(3);
    expect(nextGridIndex(-4, 'ArrowRight', 5, 2)).toBe(1);
  });

  it('stays within the grid for every key from every tile', () => {
    for (let n = 1; n <= 9; n++) {
      for (let c = 1; c <= 5; c++) {
        for (let i = 0; i < n; i++) {
          for (const key of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'] as const) {
            const next = nextGridIndex(i, key, n, c);
            expect(next).toBeGreaterThanOrEqual(0);
            expect(next).toBeLessThan(n);
          }
        }
      }
    }
  });
});

describe('helpers', () => {
  it('recognises grid keys only', () => {
    expect(isGridKey('ArrowUp')).toBe(true);
    expect(isGridKey('Enter')).toBe(false);
    expect(isGridKey('f')).toBe(false);
  });

  it('counts columns from the first row of offsets', () => {
    expect(columnsFromOffsets([10, 10, 10, 120, 120])).toBe(3);
    expect(columnsFromOffsets([10, 11, 130])).toBe(2);
    expect(columnsFromOffsets([5])).toBe(1);
    expect(columnsFromOffsets([])).toBe(1);
  });
});
