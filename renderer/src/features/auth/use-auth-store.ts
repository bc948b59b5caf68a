import { create } from 'zustand';
import type { ApiError, AuthState, SignedOutReason, SignInStepState } from '../../../../common/contract';
import { invoke, portalHost } from '../../lib/invoke';
import { useNavigationStore } from '../../lib/use-navigation-store';
import { usePortalStore } from '../../lib/use-portal-store';
import type { SignInField } from './sign-in-messages';

/** The sign-in form and the session as the renderer knows it. */
export interface AuthStoreState {
  /** Null until main has answered `auth:get-state`. */
  auth: AuthState | null;
  portalUrl: string;
  username: string;
  /** Only what the user is typing; emptied the moment a sign-in is sent. */
  password: string;
  busy: boolean;
  error: ApiError | null;
  /** The portal address the failed attempt used (for "Can't reach …"). */
  errorPortalUrl: string;
  /** A neutral, non-error message (e.g. "Connected again"). */
  notice: string | null;
  setField(field: SignInField, value: string): void;
  /** Fetches the current state from main. */
  load(): Promise<void>;
  /** Applies a state from main (an answer or an `auth:changed` event). */
  applyState(state: AuthState): void;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  /** The portal answered `session_expired`: show the form, keep user and view. */
  expire(): void;
  /** After "Can't reach the portal": checks the portal is back. */
  retryConnection(): Promise<void>;
}

const MISSING: Record<SignInField, string> = {
  portalUrl: 'Enter the portal address.',
  username: 'Enter your username.',
  password: 'Enter your password.',
};

function defaultPortalUrl(): string {
  return usePortalStore.getState().info?.defaultPortalUrl ?? '';
}

/** The reason the sign-in form is showing, or null when signed in / loading. */
export function signedOutReason(auth: AuthState | null): SignedOutReason | null {
  return auth?.status === 'signed-out' ? auth.reason : null;
}

export const useAuthStore = create<AuthStoreState>()((set, get) => ({
  auth: null,
  portalUrl: '',
  username: '',
  password: '',
  busy: false,
  error: null,
  errorPortalUrl: '',
  notice: null,

  setField: (field, value) => set({ [field]: value } as Pick<AuthStoreState, SignInField>),

  load: async () => {
    const result = await invoke('auth:get-state');
    if (result.ok) {
      get().applyState(result.value);
      return;
    }
    // Main always knows its own state; if even that fails, show the form so
    // the user can see the error and retry rather than a blank window.
    set({
      auth: { status: 'signed-out', portalUrl: get().portalUrl, lastUsername: get().username, reason: 'start' },
      portalUrl: get().portalUrl || defaultPortalUrl(),
      error: result.error,
      errorPortalUrl: get().portalUrl || defaultPortalUrl(),
    });
  },

  applyState: (state) => {
    if (state.status === 'signed-in') {
      set({ auth: state, portalUrl: state.portalUrl, username: state.user.username, password: '', error: null, notice: null });
      return;
    }
    if (state.status !== 'signed-out') {
      // A sign-in step (the contract's SignInStepState: activation, second factor, questions, password change): its screen takes over.
      const step: SignInStepState = state;
      set({ auth: step, portalUrl: step.portalUrl, username: step.username, password: '', error: null, notice: null });
      return;
    }
    if (state.reason === 'signed-out') useNavigationStore.getState().reset();
    set({
      auth: state,
      portalUrl: state.portalUrl || get().portalUrl || defaultPortalUrl(),
      username: state.lastUsername || get().username,
      password: '',
    });
  },

  signIn: async () => {
    const { busy, portalUrl, username, password } = get();
    if (busy) return;
    const missing = (['portalUrl', 'username', 'password'] as const).find((f) => get()[f].trim() === '');
    if (missing) {
      set({ error: { code: 'invalid_request', message: MISSING[missing] }, password: '', notice: null });
      return;
    }
    // The password leaves state before the request does: it lives only in the
    // call to main, never in the store after an attempt.
    set({ busy: true, error: null, notice: null, password: '' });
    const result = await invoke('auth:sign-in', { portalUrl: portalUrl.trim(), username: username.trim(), password });
    set({ busy: false });
    if (result.ok) get().applyState(result.value);
    else set({ error: result.error, errorPortalUrl: portalUrl.trim() });
  },

  signOut: async () => {
    // An explicit sign-out starts the next visit at the launcher.
    useNavigationStore.getState().reset();
    const result = await invoke('auth:sign-out');
    if (result.ok) get().applyState(result.value);
  },

  expire: () => {
    const { auth } = get();
    if (auth?.status !== 'signed-in') return;
    set({
      auth: { status: 'signed-out', portalUrl: auth.portalUrl, lastUsername: auth.user.username, reason: 'session-expired' },
      username: auth.user.username,
      password: '',
      error: null,
    });
  },

  retryConnection: async () => {
    if (get().busy) return;
    set({ busy: true, notice: null });
    const result = await invoke('portal:get-branding');
    set({ busy: false });
    if (result.ok) {
      usePortalStore.setState({ branding: result.value });
      set({
        error: null,
        notice: `Connected to ${portalHost(get().portalUrl)}. Enter your password to log on.`,
      });
    } else {
      set({ error: result.error, errorPortalUrl: get().portalUrl });
    }
  },
}));
