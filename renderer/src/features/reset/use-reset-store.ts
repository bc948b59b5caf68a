import { create } from 'zustand';
import type { ApiError, ResetState } from '../../../../preload/contract';
import { invoke } from '../../lib/invoke';

/** *Forgot your password?*: the screen is open and where the reset stands. */
export interface ResetStoreState {
  open: boolean;
  state: ResetState;
  busy: boolean;
  error: ApiError | null;
  openReset(): void;
  /** Back to the sign-in form (cancels the reset in main). */
  close(): Promise<void>;
  start(portalUrl: string, username: string): Promise<void>;
  answer(answers: string[]): Promise<void>;
  passcode(code: string): Promise<void>;
  setPassword(newPassword: string): Promise<void>;
}

export const useResetStore = create<ResetStoreState>()((set, get) => {
  /** Runs one step; a failure keeps the screen (and what was typed) and shows the error. */
  const step = async <T>(
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
    apply: (value: T) => void,
  ) => {
    if (get().busy) return;
    set({ busy: true, error: null });
    const result = await call();
    set({ busy: false });
    if (result.ok) apply(result.value);
    else {
      // An expired or locked reset starts over from the username.
      const over = result.error.code === 'session_expired' || result.error.code === 'locked';
      set({ error: result.error, ...(over ? { state: { stage: 'idle' } as ResetState } : {}) });
    }
  };
  return {
    open: false,
    state: { stage: 'idle' },
    busy: false,
    error: null,
    openReset: () => set({ open: true, state: { stage: 'idle' }, error: null }),
    close: async () => {
      set({ open: false, state: { stage: 'idle' }, error: null, busy: false });
      await invoke('reset:cancel');
    },
    start: (portalUrl, username) =>
      step(
        () => invoke('reset:start', { portalUrl, username }),
        (state) => set({ state }),
      ),
    answer: (answers) =>
      step(
        () => invoke('reset:answer', { answers }),
        (state) => set({ state }),
      ),
    passcode: (code) =>
      step(
        () => invoke('reset:passcode', { code }),
        (state) => set({ state }),
      ),
    // Success signs in: main emits the signed-in state and the shell replaces this screen.
    setPassword: (newPassword) =>
      step(
        () => invoke('reset:set-password', { newPassword }),
        () => set({ open: false, state: { stage: 'idle' } }),
      ),
  };
});
