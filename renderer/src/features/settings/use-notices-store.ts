import { create } from 'zustand';
import type { DesktopNotice } from '../../../../common/contract';
import type { NotificationPermissionState } from './use-settings-store';

/** One in-app notice (a toast). */
export interface Toast {
  id: number;
  title: string;
  body: string;
  /** How many identical notices this one stands for (shown as "×N" past 1). */
  count: number;
}

/** In-app notices: what main's notifications become when the browser may not show them. */
export interface NoticesState {
  toasts: Toast[];
  /** Shows a notice, or counts it on the identical one already shown; either way its time starts again. */
  show(notice: { title: string; body: string }): void;
  dismiss(id: number): void;
  /** Removes every notice (a new sign-in, or Log Off: notices belong to the account they were shown to). */
  clear(): void;
  /** Stops every notice's clock while `reason` holds (the pointer or focus on them, a dialog open). */
  pause(reason: PauseReason): void;
  /** `reason` no longer holds; the clocks run again once no reason does. */
  resume(reason: PauseReason): void;
}

/** Why the notices' clocks stand still. */
export type PauseReason = 'pointer' | 'focus' | 'dialog';

/** More than this and the oldest goes: a pile of toasts would cover the app. */
export const MAX_TOASTS = 3;
/** Notices are information: each goes by itself after this long on screen (paused while the user reads it). */
export const TOAST_MS = 8_000;

let nextId = 1;

/** The clock of each shown toast: when it goes, and how much of its time was left when paused. */
const clocks = new Map<number, { timer: ReturnType<typeof setTimeout> | null; left: number; since: number }>();
const pausedBy = new Set<PauseReason>();

function stopClock(id: number): void {
  const clock = clocks.get(id);
  if (clock?.timer) clearTimeout(clock.timer);
  clocks.delete(id);
}

export const useNoticesStore = create<NoticesState>()((set, get) => {
  const run = (id: number, left: number) => {
    const clock = { timer: null as ReturnType<typeof setTimeout> | null, left, since: Date.now() };
    if (pausedBy.size === 0) clock.timer = setTimeout(() => get().dismiss(id), left);
    clocks.set(id, clock);
  };
  return {
    toasts: [],
    show: ({ title, body }) => {
      const same = get().toasts.find((t) => t.title === title && t.body === body);
      const toast = same ? { ...same, count: same.count + 1 } : { id: nextId++, title, body, count: 1 };
      stopClock(toast.id);
      const toasts = [...get().toasts.filter((t) => t.id !== toast.id), toast];
      for (const gone of toasts.slice(0, -MAX_TOASTS)) stopClock(gone.id);
      set({ toasts: toasts.slice(-MAX_TOASTS) });
      run(toast.id, TOAST_MS);
    },
    dismiss: (id) => {
      stopClock(id);
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
    clear: () => {
      for (const id of [...clocks.keys()]) stopClock(id);
      set({ toasts: [] });
    },
    pause: (reason) => {
      const wasRunning = pausedBy.size === 0;
      pausedBy.add(reason);
      if (!wasRunning) return;
      for (const clock of clocks.values()) {
        if (clock.timer) clearTimeout(clock.timer);
        clock.timer = null;
        clock.left = Math.max(0, clock.left - (Date.now() - clock.since));
      }
    },
    resume: (reason) => {
      if (!pausedBy.delete(reason) || pausedBy.size > 0) return;
      for (const [id, clock] of [...clocks]) run(id, clock.left);
    },
  };
});

/** What the page knows about where the user's attention is. */
export interface AttentionState {
  permission: NotificationPermissionState;
  /** The tab is visible and has the focus. */
  looking: boolean;
}

/**
 * How to show a notice: a system notification when the browser allows it and
 * the user is elsewhere, an in-app toast otherwise, nothing for a `whenAway`
 * notice while the user is looking (the page already shows it, e.g. the push wait).
 */
export function noticeRoute(notice: DesktopNotice, attention: AttentionState): 'system' | 'toast' | 'skip' {
  if (notice.whenAway && attention.looking) return 'skip';
  if (attention.permission === 'granted' && !attention.looking) return 'system';
  return 'toast';
}
