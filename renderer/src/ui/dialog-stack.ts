import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * How many modal dialogs are open. Whatever floats over the app (the in-app
 * notices) stays out of their way while one is: a notice never covers a
 * dialog's buttons.
 */
export const useDialogStack = create<{ open: number }>()(() => ({ open: 0 }));

/** Counts the calling dialog as open for as long as it is mounted. */
export function useOpenDialog(): void {
  useEffect(() => {
    useDialogStack.setState((s) => ({ open: s.open + 1 }));
    return () => useDialogStack.setState((s) => ({ open: Math.max(0, s.open - 1) }));
  }, []);
}
