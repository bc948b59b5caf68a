import { create } from 'zustand';
import type { AccountMfa, ApiError, BackupCodesInfo, EnrollmentInfo, LoginPreference, NewDeviceRequest } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { describeMfaError } from '../../ui/mfa/mfa-messages';

/** *My Settings & Devices*: what the page shows and the step-up it needs for changes. */
export interface DevicesState {
  account: AccountMfa | null;
  busy: boolean;
  error: ApiError | null;
  notice: string | null;
  /** The action waiting for the password + code step-up. */
  pendingAction: 'add' | 'remove' | 'codes' | null;
  pendingDeviceId: string | null;
  enrollment: EnrollmentInfo | null;
  newCodes: BackupCodesInfo | null;
  load(): Promise<void>;
  setPreference(preference: LoginPreference): Promise<void>;
  /** Renames a device; resolves to the message to show next to the field, or null when saved. */
  rename(id: string, name: string): Promise<string | null>;
  ask(action: 'add' | 'remove' | 'codes', deviceId?: string): void;
  cancel(): void;
  /** The user changed the field the error was about: it goes. */
  clearError(): void;
  stepUp(password: string, code: string): Promise<void>;
  addDevice(device: NewDeviceRequest): Promise<void>;
  confirmDevice(code: string): Promise<void>;
  forgetThisDevice(): Promise<void>;
}

export const useDevicesStore = create<DevicesState>()((set, get) => {
  const run = async <T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, onOk: (value: T) => void) => {
    set({ busy: true, error: null, notice: null });
    const result = await call();
    set({ busy: false });
    if (result.ok) onOk(result.value);
    else set({ error: result.error });
  };
  /** Runs the action the step-up was for. */
  const perform = async () => {
    const { pendingAction, pendingDeviceId } = get();
    if (pendingAction === 'remove' && pendingDeviceId) {
      await run(() => invoke('mfa:remove-device', { id: pendingDeviceId }), () => set({ pendingAction: null, notice: 'Device removed.' }));
      await get().load();
    } else if (pendingAction === 'codes') {
      await run(() => invoke('mfa:backup-codes'), (codes) => set({ newCodes: codes, pendingAction: null }));
      await get().load();
    }
  };
  return {
    account: null,
    busy: false,
    error: null,
    notice: null,
    pendingAction: null,
    pendingDeviceId: null,
    enrollment: null,
    newCodes: null,
    // Reloading after an action must not wipe that action's outcome ("Device added.", or its error).
    load: async () => {
      const result = await invoke('mfa:get-account');
      if (result.ok) set({ account: result.value });
      else set({ error: result.error });
    },
    setPreference: (preference) => run(() => invoke('mfa:set-preference', { preference }), () => void get().load()),
    rename: async (id, name) => {
      // The refusal is shown next to the field being edited, not in the page's alert.
      set({ busy: true, error: null, notice: null });
      const result = await invoke('mfa:rename-device', { id, name });
      set({ busy: false });
      if (!result.ok) return describeMfaError(result.error);
      const account = get().account;
      set({ notice: 'Device renamed.', ...(account ? { account: { ...account, devices: result.value } } : {}) });
      return null;
    },
    ask: (action, deviceId) => {
      set({ pendingAction: action, pendingDeviceId: deviceId ?? null, error: null, notice: null, newCodes: null, enrollment: null });
      // A fresh step-up is good for a few minutes: no need to ask again.
      if (get().account?.steppedUp && action !== 'add') void perform();
    },
    cancel: () => set({ pendingAction: null, pendingDeviceId: null, enrollment: null, error: null }),
    clearError: () => set({ error: null }),
    stepUp: async (password, code) => {
      await run(() => invoke('mfa:step-up', { password, code }), () => undefined);
      if (get().error) return;
      await get().load();
      await perform();
    },
    addDevice: (device) => run(() => invoke('mfa:enroll-start', device), (enrollment) => set({ enrollment })),
    confirmDevice: async (code) => {
      await run(() => invoke('mfa:enroll-confirm', { code }), () => set({ enrollment: null, pendingAction: null, notice: 'Device added.' }));
      await get().load();
    },
    forgetThisDevice: () => run(() => invoke('mfa:forget-this-device'), (account) => set({ account, notice: 'This computer will ask for a second factor again.' })),
  };
});
