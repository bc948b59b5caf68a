import { describe, expect, it } from 'vitest';
import { initials, nextMenuIndex } from '../../../renderer/src/shell/menu-navigation';

describe('menu navigation', () => {
  it('wraps with the arrow keys', () => {
    expect(nextMenuIndex(0, 'ArrowDown', 3)).toBe(1);
    expect(nextMenuIndex(2, 'ArrowDown', 3)).toBe(0);
    expect(nextMenuIndex(0, 'ArrowUp', 3)).toBe(2);
  });

  it('jumps with Home and End and ignores other keys', () => {
    expect(nextMenuIndex(1, 'Home', 3)).toBe(0);
    expect(nextMenuIndex(1, 'End', 3)).toBe(2);
    expect(nextMenuIndex(1, 'Enter', 3)).toBeNull();
    expect(nextMenuIndex(0, 'ArrowDown', 0)).toBeNull();
  });

  it('starts from the ends when nothing is active', () => {
    expect(nextMenuIndex(-1, 'ArrowDown', 4)).toBe(0);
    expect(nextMenuIndex(-1, 'ArrowUp', 4)).toBe(3);
  });

  it('builds initials from the display name', () => {
    expect(initials('Demo User')).toBe('DU');
    expect(initials('  ada  ')).toBe('A');
    expect(initials('Jean Paul Sartre')).toBe('JS');
    expect(initials('')).toBe('');
  });
});
