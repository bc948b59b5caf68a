import { create } from 'zustand';
import type { ApiError, AuthState, BackupCodesInfo, EnrollmentInfo, LoginPreference, MfaDevice, NewDeviceRequest } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { useAuthStore } from '../auth/use-auth-store';

/** Screens of the enrollment wizard, in order. */
export type EnrollPhase = 'intro' | 'device' | 'phone' | 'phone-type' | 'install' | 'scan';
/**
 * *My Settings & Devices* right after the device is confirmed, until the user
 * clicks *Continue to login*: the device, *When I Log In*, and the activation
 * steps for the indicator. `banner` then says the enrollment succeeded on the
 * next screen (the guide's green banner).
 */
export interface EnrollReview {
  device: MfaDevice;
  activation: string[];
}

export interface ActivationState {
  phase: EnrollPhase;
  kind: NewDeviceRequest['kind'];
  phoneNumber: string;
  phoneConfirmed: boolean;
  phoneType: NonNullable<NewDeviceRequest['phoneType']>;
  enrollment: EnrollmentInfo | null;
  pushBound: boolean;
  code: string;
  busy: boolean;
  error: ApiError | null;
  review: EnrollReview | null;
  banner: boolean;
  codes: BackupCodesInfo | null;
  /** *Add recovery phone*: the form is open, and its number. */
  addingPhone: boolean;
  recoveryPhone: string;
  /** The recovery phone the portal accepted. */
  phoneAdded: string | null;
  saved: boolean;
  preference: LoginPreference;
  set(patch: Partial<Omit<ActivationState, 'set'>>): void;
  startEnrollment(): Promise<void>;
  pollBinding(): Promise<void>;
  confirm(): Promise<void>;
  setPreference(preference: LoginPreference): Promise<void>;
  continueToLogin(): void;
  addRecoveryPhone(): Promise<boolean>;
  loadCodes(): Promise<void>;
  finishCodes(): Promise<void>;
  reset(): void;
}

const INITIAL = {
  phase: 'intro' as EnrollPhase,
  kind: 'mobile' as NewDeviceRequest['kind'],
  phoneNumber: '',
  phoneConfirmed: false,
  phoneType: 'iphone' as const,
  enrollment: null,
  pushBound: false,
  code: '',
  busy: false,
  error: null,
  review: null,
  banner: false,
  codes: null,
  addingPhone: false,
  recoveryPhone: '',
  phoneAdded: null,
  saved: false,
  preference: 'ask' as LoginPreference,
};

/** A portal step answer: hand it to the auth store (its screen takes over). */
function afterStep(result: Awaited<ReturnType<typeof invoke<'mfa:backup-codes-saved'>>>, set: (p: Partial<ActivationState>) => void): void {
  if (result.ok) {
    useAuthStore.getState().applyState(result.value);
    return;
  }
  set({ error: result.error });
  if (result.error.code === 'flow_expired') void useAuthStore.getState().load();
}

/** The activation wizard (enrollment, review, recovery methods). */
export const useActivationStore = create<ActivationState>()((set, get) => ({
  ...INITIAL,
  set: (patch) => set(patch),
  reset: () => set({ ...INITIAL }),

  startEnrollment: async () => {
    if (get().busy) return;
    const { kind, phoneNumber, phoneType } = get();
    const request: NewDeviceRequest = kind === 'mobile' ? { kind, phoneNumber: phoneNumber.trim(), phoneType } : { kind };
    set({ busy: true, error: null });
    const result = await invoke('mfa:enroll-start', request);
    set({ busy: false });
    if (result.ok) set({ enrollment: result.value, phase: 'scan', pushBound: false, code: '' });
    else set({ error: result.error });
  },

  pollBinding: async () => {
    if (!get().enrollment || get().pushBound) return;
    const result = await invoke('mfa:enroll-status');
    if (result.ok && result.value.pushBound) set({ pushBound: true });
  },

  confirm: async () => {
    const { busy, code } = get();
    if (busy) return;
    if (!/^\s*\d{3}\s?\d{3}\s*$/.test(code)) {
      set({ error: { code: 'invalid_request', message: 'Enter the 6-digit code your app shows.' } });
      return;
    }
    // The code stays in the field until it is accepted: a wrong one is corrected, not retyped from nothing.
    set({ busy: true, error: null });
    const activation = (() => {
      const auth = useAuthStore.getState().auth;
      return auth?.status === 'enroll' ? auth.activation : [];
    })();
    const result = await invoke('mfa:enroll-confirm', { code: code.trim() });
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      if (result.error.code === 'flow_expired') void useAuthStore.getState().load();
      return;
    }
    const next: AuthState = result.value.auth;
    const device = result.value.device;
    set({ enrollment: null, code: '', review: device ? { device, activation } : null, preference: 'ask' });
    useAuthStore.getState().applyState(next);
  },

  continueToLogin: () => set({ review: null, banner: true, error: null }),

  addRecoveryPhone: async () => {
    const phoneNumber = get().recoveryPhone.trim();
    if (get().busy) return false;
    if (!/^\+[1-9][0-9 ()-]{5,23}$/.test(phoneNumber)) {
      set({ error: { code: 'invalid_request', message: 'Enter the number with its country code, starting with +, e.g. +1 602 555 0100.', details: { field: 'recoveryPhone' } } });
      return false;
    }
    set({ busy: true, error: null });
    const result = await invoke('mfa:recovery-phone', { phoneNumber });
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    set({ addingPhone: false, phoneAdded: result.value.recoveryPhone });
    return true;
  },

  setPreference: async (preference) => {
    const previous = get().preference;
    set({ preference, error: null });
    const result = await invoke('mfa:set-preference', { preference });
    if (!result.ok) set({ preference: previous, error: result.error });
  },

  loadCodes: async () => {
    if (get().busy) return;
    set({ busy: true, error: null });
    const result = await invoke('mfa:backup-codes');
    set({ busy: false });
    if (result.ok) set({ codes: result.value, saved: false });
    else set({ error: result.error });
  },

  finishCodes: async () => {
    if (get().busy || !get().saved) return;
    set({ busy: true, error: null });
    const result = await invoke('mfa:backup-codes-saved');
    set({ busy: false });
    if (result.ok) set({ ...INITIAL });
    afterStep(result, set);
  },
}));
