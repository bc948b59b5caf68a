import { create } from 'zustand';
import type { ApiError, AppPasswordsView, CreatedAppPassword } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

/** The portal's limit on an app password's name (`app-passwords:create`). */
export const MAX_APP_PASSWORD_NAME = 60;

/** Checks a name before it goes to the portal; the message to show next to the field, or null. */
export function appPasswordNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Type a name, for example "FileZilla on my laptop".';
  if (trimmed.length > MAX_APP_PASSWORD_NAME) return `Use at most ${MAX_APP_PASSWORD_NAME} characters.`;
  return null;
}

/** The portal's refusal of a new app password, in words for the name field. */
export function describeCreateError(error: ApiError, limit: number): string {
  const reason = error.details?.reason;
  if (error.code === 'conflict' && reason === 'duplicate_name') return 'You already have an app password with this name. Choose another name.';
  if (error.code === 'conflict' && reason === 'limit_reached') return `You already have ${limit} app passwords, the most you can have. Revoke one you no longer use first.`;
  if (error.code === 'invalid_request') return 'Use one line of ordinary text for the name.';
  return error.message;
}

/** *My Settings & Devices* → *App passwords*. */
export interface AppPasswordsState {
  view: AppPasswordsView | null;
  /** The portal has no FTPS endpoint (or it is off): the section is not shown. */
  unavailable: boolean;
  busy: boolean;
  /** The page-level problem (loading or revoking); the create form shows its own next to the field. */
  error: string | null;
  notice: string | null;
  /** The password just made: shown until *Done*, never again. */
  created: CreatedAppPassword | null;
  load(): Promise<void>;
  /** Creates one; resolves to the message to show next to the name field, or null when made. */
  create(name: string): Promise<string | null>;
  revoke(id: string): Promise<boolean>;
  /** *Done*: the shown password is forgotten. */
  dismissCreated(): void;
}

export const useAppPasswordsStore = create<AppPasswordsState>()((set, get) => ({
  view: null,
  unavailable: false,
  busy: false,
  error: null,
  notice: null,
  created: null,
  load: async () => {
    const result = await invoke('app-passwords:list');
    if (result.ok) set({ view: result.value, unavailable: false });
    else if (result.error.code === 'not_found') set({ view: null, unavailable: true });
    else set({ error: result.error.message });
  },
  create: async (name) => {
    const problem = appPasswordNameProblem(name);
    if (problem) return problem;
    set({ busy: true, error: null, notice: null, created: null });
    const result = await invoke('app-passwords:create', { name: name.trim() });
    set({ busy: false });
    if (!result.ok) return describeCreateError(result.error, get().view?.limit ?? 10);
    set({ created: result.value });
    await get().load();
    return null;
  },
  revoke: async (id) => {
    const name = get().view?.appPasswords.find((p) => p.id === id)?.name ?? 'The app password';
    set({ busy: true, error: null, notice: null });
    const result = await invoke('app-passwords:revoke', { id });
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error.message });
      return false;
    }
    const created = get().created;
    set({ view: result.value, notice: `${name} was revoked: clients using it can no longer sign in.`, ...(created?.appPassword.id === id ? { created: null } : {}) });
    return true;
  },
  dismissCreated: () => set({ created: null }),
}));
