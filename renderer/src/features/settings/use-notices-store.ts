import { create } from 'zustand';
import type { DesktopNotice } from '../../../../common/contract';
import type { NotificationPermissionState } from './use-settings-store';

/** One in-app notice (a toast). */
export interface Toast {
  id: number;
  title: string;
  body: string;
}

/** In-app notices: what main's notifications become when the browser may not show them. */
export interface NoticesState {
  toasts: Toast[];
  show(notice: { title: string; body: string }): void;
  dismiss(id: number): void;
}

/** More than this and the oldest goes: a pile of toasts would cover the app. */
export const MAX_TOASTS = 3;

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set) => ({
  toasts: [],
  show: ({ title, body }) => set((s) => ({ toasts: [...s.toasts, { id: nextId++, title, body }].slice(-MAX_TOASTS) })),
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

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
