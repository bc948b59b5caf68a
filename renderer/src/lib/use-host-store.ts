import { create } from 'zustand';

/**
 * Browser host: whether the page still has its host. The transport says so
 * (`desktop:host-connection`) when the socket closes or the heartbeat goes
 * unanswered, so a killed host is noticed within seconds instead of the page
 * showing a transfer that no longer runs.
 */
export interface HostState {
  lost: boolean;
  setLost(lost: boolean): void;
}

export const useHostStore = create<HostState>()((set) => ({
  lost: false,
  setLost: (lost) => set({ lost }),
}));
