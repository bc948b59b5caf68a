import { create } from 'zustand';
import type { ApiError } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { useAuthStore } from '../auth/use-auth-store';
import { describePushEnd } from '../../ui/mfa/mfa-messages';
import { attemptsLeftWarning } from '../../ui/form-errors';
import { PUSH_CANCELLED_NOTICE, waitForPushAnswer } from '../../lib/push-wait';

/** Where the *Choose an authentication method* screen is. */
export type MfaMode = 'choose' | 'passcode' | 'push';

export interface MfaStoreState {
  mode: MfaMode;
  remember: boolean;
  code: string;
  busy: boolean;
  error: ApiError | null;
  /** A neutral or warning message (push denied, timed out…). */
  notice: string | null;
  /** ISO deadline of the push being waited for. */
  pushExpiresAt: string | null;
  /** Verified push: the code to type on the phone. */
  pushCode: string | null;
  /** Bumped when a wait is cancelled, so a late answer is ignored. */
  waitId: number;
  setRemember(remember: boolean): void;
  setCode(code: string): void;
  choosePasscode(): void;
  back(): void;
  submitPasscode(): Promise<void>;
  sendPush(): Promise<void>;
  cancelPush(): Promise<void>;
  reset(): void;
}

const INITIAL = { mode: 'choose' as MfaMode, remember: false, code: '', busy: false, error: null, notice: null, pushExpiresAt: null, pushCode: null };

export const useMfaStore = create<MfaStoreState>()((set, get) => ({
  ...INITIAL,
  waitId: 0,
  setRemember: (remember) => set({ remember }),
  setCode: (code) => set({ code }),
  choosePasscode: () => set({ mode: 'passcode', error: null, notice: null }),
  back: () => set({ mode: 'choose', error: null, code: '' }),
  reset: () => set({ ...INITIAL, waitId: get().waitId + 1 }),

  submitPasscode: async () => {
    const { busy, code, remember } = get();
    if (busy) return;
    if (code.trim() === '') {
      set({ error: { code: 'invalid_request', message: 'Enter a code.' } });
      return;
    }
    // The code leaves state before the request does.
    set({ busy: true, error: null, code: '' });
    const result = await invoke('mfa:passcode', { code: code.trim(), remember });
    set({ busy: false });
    if (result.ok) {
      set({ ...INITIAL, waitId: get().waitId + 1 });
      useAuthStore.getState().applyState(result.value);
    } else {
      set({ error: result.error });
      if (result.error.code === 'flow_expired') void useAuthStore.getState().load();
    }
  },

  sendPush: async () => {
    if (get().busy) return;
    const waitId = get().waitId + 1;
    set({ busy: true, error: null, notice: null, mode: 'push', waitId, pushExpiresAt: null, pushCode: null });
    const started = await invoke('mfa:push-start');
    if (get().waitId !== waitId) return;
    if (!started.ok) {
      // Pushes muted after "This wasn't me": the passcode field, with the portal's reason.
      const muted = started.error.details?.reason === 'push_muted';
      set({ busy: false, mode: muted ? 'passcode' : 'choose', error: started.error });
      if (started.error.code === 'flow_expired') void useAuthStore.getState().load();
      return;
    }
    set({ pushExpiresAt: started.value.expiresAt, pushCode: started.value.code ?? null });
    // Long-poll until the phone answers, the push expires, or the user cancels.
    const end = await waitForPushAnswer(
      () => invoke('mfa:push-wait', { remember: get().remember }),
      () => get().waitId === waitId,
    );
    if (end.kind === 'superseded') return;
    if (end.kind === 'failed') {
      set({ busy: false, mode: 'choose', error: end.error, pushExpiresAt: null, pushCode: null });
      return;
    }
    const value = end.value;
    if (value.state === 'approved') {
      set({ ...INITIAL, waitId: waitId + 1 });
      useAuthStore.getState().applyState(value.auth);
      return;
    }
    // A denial counts toward the lockout: warn when few attempts are left, as after a wrong code.
    const notice = [describePushEnd(value.state, value.reason), attemptsLeftWarning(value.attemptsLeft)].filter(Boolean).join(' ');
    set({ busy: false, mode: 'choose', notice, pushExpiresAt: null, pushCode: null });
  },

  cancelPush: async () => {
    set({ busy: false, mode: 'choose', waitId: get().waitId + 1, pushExpiresAt: null, pushCode: null, notice: PUSH_CANCELLED_NOTICE });
    await invoke('mfa:push-cancel');
  },
}));
