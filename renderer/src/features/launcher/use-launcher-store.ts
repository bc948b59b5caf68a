import { create } from 'zustand';
import type { AppTile, LaunchPreference, LaunchRequest } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { openInNewTab } from '../../lib/new-tab';
import type { LaunchFeedback } from './launch-feedback';

/** The catalogue, the search box and the feedback of the latest launch. */
export interface LauncherState {
  apps: AppTile[];
  /** False until the first `apps:list` answer. */
  loaded: boolean;
  loadError: string | null;
  query: string;
  feedback: LaunchFeedback | null;
  /** Ids whose favorite toggle is in flight (the button shows busy). */
  pendingFavorites: string[];
  /** *Change Citrix Receiver*: how tiles start for this user on this portal. */
  launchPreference: LaunchPreference;
  /** The *Change Citrix Receiver* dialog is open. */
  receiverOpen: boolean;
  /** The catalogue and the user's launch preference. */
  load(): Promise<void>;
  openReceiver(): void;
  closeReceiver(): void;
  /** *Use light version* (or back to the installed client): kept by main per portal and user. */
  setLaunchPreference(preference: LaunchPreference): Promise<void>;
  /** Replaces the catalogue (an `apps:changed` event or a channel answer). */
  setApps(apps: AppTile[]): void;
  setQuery(query: string): void;
  toggleFavorite(appId: string): Promise<void>;
  launch(appId: string, mode: LaunchRequest['mode']): Promise<void>;
  clearFeedback(): void;
  /** Forgets the catalogue and search (an explicit sign-out; the next user starts clean). */
  reset(): void;
}

// Each launch gets a number so a slow answer can't overwrite a newer one.
let launchSequence = 0;

function nameOf(apps: readonly AppTile[], appId: string): string {
  return apps.find((app) => app.id === appId)?.name ?? 'The app';
}

export const useLauncherStore = create<LauncherState>()((set, get) => ({
  apps: [],
  loaded: false,
  loadError: null,
  query: '',
  feedback: null,
  pendingFavorites: [],
  launchPreference: 'native',
  receiverOpen: false,

  load: async () => {
    const [result, preference] = await Promise.all([invoke('apps:list'), invoke('apps:get-launch-preference')]);
    if (preference.ok) set({ launchPreference: preference.value });
    if (result.ok) set({ apps: result.value, loaded: true, loadError: null });
    else set({ loadError: result.error.message || 'The app list could not be loaded.' });
  },

  openReceiver: () => set({ receiverOpen: true }),
  closeReceiver: () => set({ receiverOpen: false }),

  setLaunchPreference: async (preference) => {
    const result = await invoke('apps:set-launch-preference', { preference });
    if (result.ok) set({ launchPreference: result.value, receiverOpen: false });
  },

  setApps: (apps) => set({ apps, loaded: true, loadError: null }),

  setQuery: (query) => set({ query }),

  toggleFavorite: async (appId) => {
    const app = get().apps.find((a) => a.id === appId);
    if (!app || get().pendingFavorites.includes(appId)) return;
    const favorite = !app.favorite;
    // Optimistic, so the star answers at once; main's list is the final word.
    set((s) => ({
      apps: s.apps.map((a) => (a.id === appId ? { ...a, favorite } : a)),
      pendingFavorites: [...s.pendingFavorites, appId],
    }));
    const result = await invoke('apps:set-favorite', { appId, favorite });
    set((s) => ({ pendingFavorites: s.pendingFavorites.filter((id) => id !== appId) }));
    if (result.ok) {
      set({ apps: result.value });
      return;
    }
    set((s) => ({
      apps: s.apps.map((a) => (a.id === appId ? { ...a, favorite: !favorite } : a)),
      feedback: {
        kind: 'failed',
        appId,
        appName: app.name,
        message: `Couldn't update favorites for ${app.name}. ${result.error.message}`.trim(),
      },
    }));
  },

  launch: async (appId, mode) => {
    const appName = nameOf(get().apps, appId);
    const sequence = ++launchSequence;
    set({ feedback: { kind: 'starting', appId, appName } });
    const result = await invoke('apps:launch', { appId, mode });
    if (sequence !== launchSequence) return;
    if (!result.ok) {
      set({
        feedback: { kind: 'failed', appId, appName, message: `Couldn't start ${appName}. ${result.error.message}`.trim() },
      });
      return;
    }
    const outcome = result.value;
    // Browser host: the light version opens in a new tab of this browser.
    if (outcome.status === 'launched' && outcome.url !== undefined && !openInNewTab(outcome.url)) {
      set({ feedback: { kind: 'failed', appId, appName, message: `Couldn't open ${appName} in a new tab.` } });
      return;
    }
    set({
      feedback:
        outcome.status === 'launched'
          ? { kind: 'started', appId, appName, method: outcome.method }
          : { kind: 'no-client', appId, appName, clientName: outcome.clientName, webAvailable: outcome.webAvailable },
    });
  },

  clearFeedback: () => set({ feedback: null }),

  reset: () =>
    set({ apps: [], loaded: false, loadError: null, query: '', feedback: null, pendingFavorites: [], launchPreference: 'native', receiverOpen: false }),
}));
