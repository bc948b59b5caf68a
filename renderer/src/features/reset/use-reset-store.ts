import { create } from 'zustand';
import type { ApiError, ResetState } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { attemptsLeftWarning } from '../../ui/form-errors';
import { describePushEnd } from '../../ui/mfa/mfa-messages';
import { PUSH_CANCELLED_NOTICE, waitForPushAnswer } from '../../lib/push-wait';

/** *Forgot your password?*: the screen is open and where the reset stands. */
export interface ResetStoreState {
  open: boolean;
  state: ResetState;
  busy: boolean;
  error: ApiError | null;
  /** Where `error` came from: *Send Me a Push* (shown next to that button), or the step's form. */
  errorFrom: 'push' | 'form';
  /** A push is out and being waited for (second-factor stage, the reset's first step after the username). */
  pushing: boolean;
  /** ISO deadline of that push. */
  pushExpiresAt: string | null;
  /** Verified push: the code to type on the phone. */
  pushCode: string | null;
  /** A neutral message (push denied, timed out, cancelled…). */
  notice: string | null;
  /** Bumped when a wait is cancelled, so a late answer is ignored. */
  waitId: number;
  /** Bumped when a reset has set the new password (the app then says that it worked). */
  resets: number;
  openReset(): void;
  /** Back to the sign-in form (cancels the reset in main). */
  close(): Promise<void>;
  start(portalUrl: string, username: string): Promise<void>;
  answer(answers: string[]): Promise<void>;
  passcode(code: string): Promise<void>;
  /** *Send Me a Push*: waits (cancellable) for the phone's answer. */
  sendPush(): Promise<void>;
  cancelPush(): Promise<void>;
  setPassword(newPassword: string): Promise<void>;
  /** The field the error was about changed: the error goes. */
  clearError(): void;
}

export const useResetStore = create<ResetStoreState>()((set, get) => {
  /** Runs one step; a failure keeps the screen (and what was typed) and shows the error. */
  const fail = (error: ApiError, from: 'push' | 'form' = 'form') => {
    // An expired or locked reset starts over from the username (its field shows why).
    const over = error.code === 'session_expired' || error.code === 'locked';
    set({
      error,
      errorFrom: over ? 'form' : from,
      ...(over ? { state: { stage: 'idle' } as ResetState } : {}),
    });
  };
  const step = async <T>(
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
    apply: (value: T) => void,
  ) => {
    if (get().busy || get().pushing) return;
    set({ busy: true, error: null, notice: null });
    const result = await call();
    set({ busy: false });
    if (result.ok) apply(result.value);
    else fail(result.error);
  };
  /** Forgets any push being waited for (a late answer is then ignored). */
  const stopWaiting = () =>
    set({ pushing: false, pushExpiresAt: null, pushCode: null, waitId: get().waitId + 1 });
  return {
    open: false,
    state: { stage: 'idle' },
    busy: false,
    error: null,
    errorFrom: 'form',
    pushing: false,
    pushExpiresAt: null,
    pushCode: null,
    notice: null,
    waitId: 0,
    resets: 0,
    openReset: () => set({ open: true, state: { stage: 'idle' }, error: null, notice: null }),
    close: async () => {
      const wasPushing = get().pushing;
      stopWaiting();
      set({ open: false, state: { stage: 'idle' }, error: null, notice: null, busy: false });
      // The push goes before the reset: cancelling it needs the reset token.
      if (wasPushing) await invoke('reset:push-cancel');
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
    sendPush: async () => {
      if (get().busy || get().pushing) return;
      const waitId = get().waitId + 1;
      set({ pushing: true, pushExpiresAt: null, pushCode: null, error: null, notice: null, waitId });
      const started = await invoke('reset:push-start');
      if (get().waitId !== waitId) return;
      if (!started.ok) {
        set({ pushing: false });
        fail(started.error, 'push');
        return;
      }
      set({ pushExpiresAt: started.value.expiresAt, pushCode: started.value.code ?? null });
      const end = await waitForPushAnswer(
        () => invoke('reset:push-wait'),
        () => get().waitId === waitId,
      );
      if (end.kind === 'superseded') return;
      set({ pushing: false, pushExpiresAt: null, pushCode: null });
      if (end.kind === 'failed') fail(end.error, 'push');
      else if (end.value.state === 'approved') set({ state: end.value.reset });
      else {
        // A denial counts toward the lockout: warn when few attempts are left, as after a wrong code.
        const warn = attemptsLeftWarning(end.value.attemptsLeft);
        set({ notice: [describePushEnd(end.value.state, end.value.reason), warn].filter(Boolean).join(' ') });
      }
    },
    cancelPush: async () => {
      stopWaiting();
      set({ notice: PUSH_CANCELLED_NOTICE });
      await invoke('reset:push-cancel');
    },
    clearError: () => set({ error: null }),
    // Success signs in: main emits the signed-in state and the shell replaces this screen.
    setPassword: (newPassword) =>
      step(
        () => invoke('reset:set-password', { newPassword }),
        () => set({ open: false, state: { stage: 'idle' }, resets: get().resets + 1 }),
      ),
  };
});
