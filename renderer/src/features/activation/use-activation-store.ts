import { create } from 'zustand';
import type { ApiError, BackupCodesInfo, EnrollmentInfo, LoginPreference, NewDeviceRequest } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { useAuthStore } from '../auth/use-auth-store';

/** Screens of the enrollment wizard, in order. */
export type EnrollPhase = 'intro' | 'device' | 'phone' | 'phone-type' | 'install' | 'scan';
/** Screens after the device is confirmed. */
export type BackupPhase = 'review' | 'codes';

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
  backupPhase: BackupPhase;
  codes: BackupCodesInfo | null;
  saved: boolean;
  preference: LoginPreference;
  set(patch: Partial<Omit<ActivationState, 'set'>>): void;
  startEnrollment(): Promise<void>;
  pollBinding(): Promise<void>;
  confirm(): Promise<void>;
  setPreference(preference: LoginPreference): Promise<void>;
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
  backupPhase: 'review' as BackupPhase,
  codes: null,
  saved: false,
  preference: 'ask' as LoginPreference,
};

/** A portal step answer: hand it to the auth store (its screen takes over). */
function afterStep(result: Awaited<ReturnType<typeof invoke<'mfa:enroll-confirm'>>>, set: (p: Partial<ActivationState>) => void): void {
  if (result.ok) {
    useAuthStore.getState().applyState(result.value);
    return;
  }
  set({ error: result.error });
  if (result.error.code === 'flow_expired') void useAuthStore.getState().load();
}

/** The activation wizard (enrollment, review, backup codes). */
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
    set({ busy: true, error: null, code: '' });
    const result = await invoke('mfa:enroll-confirm', { code: code.trim() });
    set({ busy: false });
    if (result.ok) set({ backupPhase: 'review', enrollment: null });
    afterStep(result, set);
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
    if (result.ok) set({ codes: result.value, backupPhase: 'codes', saved: false });
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
