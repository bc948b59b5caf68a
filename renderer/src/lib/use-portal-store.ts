import { create } from 'zustand';
import type { AppInfo, Branding } from '../../../common/contract';
import { invoke } from './invoke';

/** Facts about this install and the portal it points at. */
export interface PortalState {
  info: AppInfo | null;
  branding: Branding | null;
  /** The local portal started with this client is still starting (*Log On* waits for it). */
  portalStarting: boolean;
  /** The local portal is up (a branding request made meanwhile was held, and answers now). */
  portalStarted(): void;
  /** Loads app info and starts loading the portal branding; either may fail without blocking the other. */
  load(): Promise<void>;
  /** Re-fetches the branding (e.g. after the connection comes back). */
  loadBranding(): Promise<void>;
}

/** Name shown before (or without) the portal's branding. */
export const FALLBACK_PORTAL_NAME = 'Portico';

export const usePortalStore = create<PortalState>()((set, get) => ({
  info: null,
  branding: null,
  portalStarting: false,
  portalStarted: () => set({ portalStarting: false }),
  load: async () => {
    // Branding comes from the portal (a network hop): it must not hold up
    // the first paint of the sign-in form, so it lands whenever it arrives.
    void get().loadBranding();
    const info = await invoke('app:get-info');
    if (info.ok) set({ info: info.value, portalStarting: info.value.portalStarting === true });
  },
  loadBranding: async () => {
    const branding = await invoke('portal:get-branding');
    if (branding.ok) set({ branding: branding.value });
  },
}));
