import { create } from 'zustand';
import type { ApiError, PasswordPolicyInfo, PasswordStatus } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

/** Where *Change password…* stands: the notice first, then the form. */
export type ChangeStage = 'closed' | 'notice' | 'form';

/** Password policy, expiry and the *Change password…* dialog. */
export interface PasswordStoreState {
  policy: PasswordPolicyInfo | null;
  status: PasswordStatus | null;
  stage: ChangeStage;
  busy: boolean;
  error: ApiError | null;
  /**
   * After the forced change: the guide's "password change is complete" with
   * *OK*, before the logged-off form (`activation` keeps the step indicator).
   */
  changeComplete: { activation: string[] } | null;
  /** *OK* on "password change is complete". */
  dismissComplete(): void;
  /** Fetches the portal's policy once (for the live checklist). */
  loadPolicy(): Promise<void>;
  setStatus(status: PasswordStatus | null): void;
  openChange(): void;
  /** *Continue* on the notice. */
  continueChange(): void;
  closeChange(): void;
  /** Sends old + new; on success main logs the user off everywhere. */
  submitChange(currentPassword: string, newPassword: string): Promise<boolean>;
  /** The forced change during sign-in (temporary or expired password). */
  submitForcedChange(newPassword: string, activation?: string[]): Promise<boolean>;
  clearError(): void;
}

export const usePasswordStore = create<PasswordStoreState>()((set, get) => ({
  policy: null,
  status: null,
  stage: 'closed',
  busy: false,
  error: null,
  changeComplete: null,
  dismissComplete: () => set({ changeComplete: null }),

  loadPolicy: async () => {
    if (get().policy) return;
    const result = await invoke('password:get-policy');
    if (result.ok) set({ policy: result.value });
  },
  setStatus: (status) => set({ status }),
  openChange: () => {
    set({ stage: 'notice', error: null });
    void get().loadPolicy();
  },
  continueChange: () => set({ stage: 'form' }),
  closeChange: () => set({ stage: 'closed', error: null, busy: false }),
  clearError: () => set({ error: null }),

  submitChange: async (currentPassword, newPassword) => {
    if (get().busy) return false;
    set({ busy: true, error: null });
    const result = await invoke('password:change', { currentPassword, newPassword });
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    set({ stage: 'closed' });
    return true;
  },

  submitForcedChange: async (newPassword, activation = []) => {
    if (get().busy) return false;
    set({ busy: true, error: null });
    const result = await invoke('auth:set-new-password', { newPassword });
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    set({ changeComplete: { activation } });
    return true;
  },
}));
