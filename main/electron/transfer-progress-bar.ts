/**
 * Pure pieces of the transfers' desktop wiring, kept free of Electron so they
 * can be unit-tested: how `transfers:taskbar-progress` maps onto
 * `BrowserWindow.setProgressBar`, and what the *Upload…* / *Download…*
 * dialogs may select on each platform.
 */
import type { TaskbarProgress } from '../../common/contract';

/** Modes `setProgressBar` understands (only Windows shows them; elsewhere they are ignored). */
export type ProgressBarMode = 'none' | 'normal' | 'indeterminate' | 'error' | 'paused';

/** The arguments for `BrowserWindow.setProgressBar(progress, options)`. */
export interface ProgressBarArgs {
  /** 0..1 shows a bar; -1 removes it. */
  progress: number;
  options?: { mode: ProgressBarMode };
}

/**
 * Maps the service's taskbar state to `setProgressBar` arguments. Idle is -1
 * (no bar). A queue that ended with failures shows a full red bar where the
 * platform has an error state (Windows); elsewhere a full bar would read as
 * "done", so the bar is removed and the notification tells the story.
 */
export function progressBarArgs(state: TaskbarProgress, platform: NodeJS.Platform): ProgressBarArgs {
  const modes = platform === 'win32';
  if (state.fraction === null) {
    return state.mode === 'error' && modes ? { progress: 1, options: { mode: 'error' } } : { progress: -1 };
  }
  const progress = Math.min(1, Math.max(0, Number.isFinite(state.fraction) ? state.fraction : 0));
  if (!modes) return { progress };
  return { progress, options: { mode: state.mode === 'none' ? 'normal' : state.mode } };
}

/** True when two argument sets draw the same bar (progress events arrive every 250 ms; skip no-op redraws). */
export function sameProgressBar(a: ProgressBarArgs | null, b: ProgressBarArgs): boolean {
  return a !== null && Math.abs(a.progress - b.progress) < 0.001 && a.options?.mode === b.options?.mode;
}

/** `showOpenDialog` properties for *Upload…*: files, plus folders where one dialog can pick both (macOS). */
export function uploadDialogProperties(platform: NodeJS.Platform): Array<'openFile' | 'openDirectory' | 'multiSelections'> {
  // On Windows and Linux a dialog that allows folders shows only folders.
  return platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'];
}
