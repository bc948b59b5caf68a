/** The pure mapping behind the taskbar/dock progress bar and the upload dialog. */
import { describe, expect, it } from 'vitest';
import { progressBarArgs, sameProgressBar, uploadDialogProperties } from '../../../main/electron/transfer-progress-bar';

describe('progressBarArgs', () => {
  it('removes the bar (-1) when idle, on every platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(progressBarArgs({ fraction: null, mode: 'none' }, platform)).toEqual({ progress: -1 });
    }
  });

  it('shows failures as an error bar on Windows and removes the bar where there is no error state', () => {
    expect(progressBarArgs({ fraction: null, mode: 'error' }, 'win32')).toEqual({ progress: 1, options: { mode: 'error' } });
    expect(progressBarArgs({ fraction: null, mode: 'error' }, 'darwin')).toEqual({ progress: -1 });
    expect(progressBarArgs({ fraction: null, mode: 'error' }, 'linux')).toEqual({ progress: -1 });
  });

  it('passes the fraction through, with the paused mode on Windows', () => {
    expect(progressBarArgs({ fraction: 0.25, mode: 'normal' }, 'win32')).toEqual({ progress: 0.25, options: { mode: 'normal' } });
    expect(progressBarArgs({ fraction: 0.5, mode: 'paused' }, 'win32')).toEqual({ progress: 0.5, options: { mode: 'paused' } });
    expect(progressBarArgs({ fraction: 0.5, mode: 'paused' }, 'darwin')).toEqual({ progress: 0.5 });
  });

  it('clamps fractions into 0..1 and treats NaN as 0', () => {
    expect(progressBarArgs({ fraction: 1.7, mode: 'normal' }, 'linux').progress).toBe(1);
    expect(progressBarArgs({ fraction: -3, mode: 'normal' }, 'linux').progress).toBe(0);
    expect(progressBarArgs({ fraction: Number.NaN, mode: 'normal' }, 'linux').progress).toBe(0);
  });
});

describe('sameProgressBar', () => {
  it('skips redraws that change nothing visible', () => {
    expect(sameProgressBar(null, { progress: -1 })).toBe(false);
    expect(sameProgressBar({ progress: 0.5 }, { progress: 0.5004 })).toBe(true);
    expect(sameProgressBar({ progress: 0.5 }, { progress: 0.51 })).toBe(false);
    expect(sameProgressBar({ progress: 0.5, options: { mode: 'normal' } }, { progress: 0.5, options: { mode: 'paused' } })).toBe(false);
  });
});

describe('uploadDialogProperties', () => {
  it('offers files and folders in one dialog only where the OS can (macOS)', () => {
    expect(uploadDialogProperties('darwin')).toEqual(['openFile', 'openDirectory', 'multiSelections']);
    expect(uploadDialogProperties('win32')).toEqual(['openFile', 'multiSelections']);
    expect(uploadDialogProperties('linux')).toEqual(['openFile', 'multiSelections']);
  });
});
