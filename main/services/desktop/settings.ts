/**
 * Desktop preferences kept in the (non-secret) settings store: close to tray,
 * start at login, the one-time "still running in the tray" notice, and the
 * window's size and position. Every read is validated: the file may have
 * been edited by hand or belong to another version.
 */
import { z } from 'zod';
import type { SettingsStore } from '../../ports';

/** The main window's last bounds. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

const KEYS = {
  closeToTray: 'desktop.closeToTray',
  startAtLogin: 'desktop.startAtLogin',
  notifications: 'desktop.notifications',
  trayNoticeShown: 'desktop.trayNoticeShown',
  windowState: 'desktop.windowState',
} as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const windowStateSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
  maximized: z.boolean(),
});

/** Typed access to the desktop preferences. */
export class DesktopSettingsStore {
  constructor(private readonly store: SettingsStore) {}

  /** Default on: users "live in their tray". */
  closeToTray(): boolean {
    return this.bool(KEYS.closeToTray, true);
  }

  setCloseToTray(value: boolean): void {
    this.store.set(KEYS.closeToTray, value);
  }

  /** Default off: starting at login is opt-in. */
  startAtLogin(): boolean {
    return this.bool(KEYS.startAtLogin, false);
  }

  setStartAtLogin(value: boolean): void {
    this.store.set(KEYS.startAtLogin, value);
  }

  /** Default on: notifications are how a waiting push or a finished batch reaches a user in another app. */
  notifications(): boolean {
    return this.bool(KEYS.notifications, true);
  }

  setNotifications(value: boolean): void {
    this.store.set(KEYS.notifications, value);
  }

  /** True once; later calls answer false (the tray notice shows only the first time). */
  takeTrayNotice(): boolean {
    if (this.bool(KEYS.trayNoticeShown, false)) return false;
    this.store.set(KEYS.trayNoticeShown, true);
    return true;
  }

  /** The saved window bounds, or null when none (or unreadable). */
  windowState(): WindowState | null {
    const parsed = windowStateSchema.safeParse(this.store.get<unknown>(KEYS.windowState));
    return parsed.success ? parsed.data : null;
  }

  setWindowState(state: WindowState): void {
    const parsed = windowStateSchema.safeParse({
      ...state,
      x: Math.round(state.x),
      y: Math.round(state.y),
      width: Math.round(state.width),
      height: Math.round(state.height),
    });
    if (parsed.success) this.store.set(KEYS.windowState, parsed.data);
  }

  private bool(key: string, fallback: boolean): boolean {
    const value = this.store.get<unknown>(key);
    return typeof value === 'boolean' ? value : fallback;
  }
}

/** A display's usable area. */
export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where to put the window: the saved bounds when at least a grab-able part of
 * the title bar is on one of today's displays (a monitor may have been
 * unplugged), else null (the shell centres a default-size window).
 */
export function restorableBounds(saved: WindowState | null, displays: readonly DisplayArea[]): WindowState | null {
  if (!saved) return null;
  const visible = displays.some((d) => {
    const overlapX = Math.min(saved.x + saved.width, d.x + d.width) - Math.max(saved.x, d.x);
    const titleBarOnScreen = saved.y >= d.y && saved.y + 40 <= d.y + d.height;
    return overlapX >= 100 && titleBarOnScreen;
  });
  if (!visible) return null;
  const largest = displays.reduce((a, d) => Math.max(a, d.width * d.height), 0);
  if (saved.width * saved.height > largest * 4) return null;
  return saved;
}
