import { create } from 'zustand';
import type { MyUserRequest, NewUserRequestInput } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { requestErrorMessage } from '../../ui/request-messages';

/** How often *My requests* asks the portal for news while it is on screen. */
export const REQUESTS_POLL_MS = 5000;

/** *Request a new user* and *My requests*. */
export interface RequestsState {
  mine: MyUserRequest[];
  loaded: boolean;
  loadError: string | null;
  submitting: boolean;
  submitError: string | null;
  /** What the last successful submission said (for the status line). */
  submitted: string | null;
  load(): Promise<void>;
  submit(input: NewUserRequestInput): Promise<boolean>;
  reset(): void;
}

const INITIAL = { mine: [], loaded: false, loadError: null, submitting: false, submitError: null, submitted: null };

export const useRequestsStore = create<RequestsState>()((set, get) => ({
  ...INITIAL,

  load: async () => {
    const result = await invoke('requests:list-mine');
    if (result.ok) set({ mine: result.value, loaded: true, loadError: null });
    else set({ loadError: requestErrorMessage(result.error) });
  },

  submit: async (input) => {
    if (get().submitting) return false;
    set({ submitting: true, submitError: null, submitted: null });
    const result = await invoke('requests:create', input);
    if (!result.ok) {
      set({ submitting: false, submitError: requestErrorMessage(result.error) });
      return false;
    }
    // Refresh the list first, so the confirmation and the cleared form appear together.
    await get().load();
    set({
      submitting: false,
      submitted: result.value.merged
        ? `A request for ${result.value.request.email} was already open; yours was added to it.`
        : `Your request for ${result.value.request.fullName} was sent to the project manager.`,
    });
    return true;
  },

  reset: () => set(INITIAL),
}));
