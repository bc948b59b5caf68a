import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { columnsFromOffsets, isGridKey, nextGridIndex } from './grid-navigation';

/**
 * Roving tabindex over a grid of tiles: one tile is in the Tab order, arrow
 * keys (and Home/End) move focus, and the column count is read from the
 * layout so Up/Down follow what the user sees at any window width.
 */
export function useRovingGrid(count: number) {
  const [active, setActive] = useState(0);
  const refs = useRef<Array<HTMLElement | null>>([]);
  const hasFocus = useRef(false);

  // The list shrinks as the user filters or un-favorites; keep the active
  // tile inside it, and if the focused tile vanished, focus its neighbour
  // rather than dropping the keyboard user back at the top of the page.
  useEffect(() => {
    const clamped = Math.min(active, Math.max(0, count - 1));
    if (clamped !== active) setActive(clamped);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (hasFocus.current && lost) refs.current[clamped]?.focus();
  }, [active, count]);

  // Spread on the list element: focus events bubble, so this covers the
  // tiles and their star / light-version buttons alike.
  const listProps = {
    onFocus: () => {
      hasFocus.current = true;
    },
    onBlur: (event: FocusEvent<HTMLElement>) => {
      // A null relatedTarget is a removal or a window switch, not a move away.
      const to = event.relatedTarget;
      if (to && !event.currentTarget.contains(to)) hasFocus.current = false;
    },
  };

  const register = useCallback(
    (index: number) => (el: HTMLElement | null) => {
      refs.current[index] = el;
    },
    [],
  );

  const onKeyDown = useCallback(
    (index: number, event: KeyboardEvent) => {
      if (!isGridKey(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      const tops = refs.current.slice(0, count).map((el) => el?.getBoundingClientRect().top ?? 0);
      const next = nextGridIndex(index, event.key, count, columnsFromOffsets(tops));
      if (next < 0) return;
      event.preventDefault();
      setActive(next);
      refs.current[next]?.focus();
    },
    [count],
  );

  return { active: Math.min(active, Math.max(0, count - 1)), setActive, listProps, register, onKeyDown };
}
