import { create } from 'zustand';
import type {
  ApiError,
  ChosenSecurityQuestion,
  SecurityAnswersRequest,
  SecurityQuestionOption,
} from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

/** The activation step and the account page's *Security questions…* dialog. */
export interface QuestionsStoreState {
  busy: boolean;
  error: ApiError | null;
  dialogOpen: boolean;
  /** The portal's list, for the account dialog. */
  list: SecurityQuestionOption[];
  /** The questions the user has now, shown in the account dialog (never the answers). */
  current: ChosenSecurityQuestion[];
  saved: boolean;
  /** Activation step: saves and moves to the next step. */
  submitStep(request: SecurityAnswersRequest): Promise<void>;
  openDialog(): Promise<void>;
  closeDialog(): void;
  /** Account page: needs the password. */
  update(password: string, request: SecurityAnswersRequest): Promise<void>;
}

export const useQuestionsStore = create<QuestionsStoreState>()((set, get) => ({
  busy: false,
  error: null,
  dialogOpen: false,
  list: [],
  current: [],
  saved: false,

  submitStep: async (request) => {
    if (get().busy) return;
    set({ busy: true, error: null });
    const result = await invoke('auth:set-security-questions', request);
    set({ busy: false, ...(result.ok ? {} : { error: result.error }) });
  },

  openDialog: async () => {
    set({ dialogOpen: true, error: null, saved: false, current: [] });
    const [result, current] = await Promise.all([
      invoke('security-questions:list'),
      invoke('security-questions:current'),
    ]);
    if (current.ok) set({ current: current.value });
    if (result.ok) set({ list: result.value });
    else set({ error: result.error });
  },
  closeDialog: () => set({ dialogOpen: false, error: null, busy: false }),

  update: async (password, request) => {
    if (get().busy) return;
    set({ busy: true, error: null });
    const result = await invoke('security-questions:update', { password, ...request });
    set({ busy: false, ...(result.ok ? { saved: true } : { error: result.error }) });
  },
}));
