import { create } from 'zustand';

/**
 * The screens a signed-in user can be on. Later features (account settings,
 * transfers) add their names here.
 */
export type View = 'launcher' | 'transfers' | 'requests' | 'admin' | 'devices' | 'settings';

/** The screen to show once signed in. */
export interface NavigationState {
  view: View;
  /** Shows another screen. */
  navigate(view: View): void;
  /** Back to the launcher: an explicit sign-out starts the next visit fresh. */
  reset(): void;
}

/** The first screen after a fresh sign-in. */
export const HOME_VIEW: View = 'launcher';

/**
 * Kept apart from the auth store on purpose: a session that expires must
 * not forget where the user was, so only an explicit sign-out calls `reset`.
 */
export const useNavigationStore = create<NavigationState>()((set) => ({
  view: HOME_VIEW,
  navigate: (view) => set({ view }),
  reset: () => set({ view: HOME_VIEW }),
}));
