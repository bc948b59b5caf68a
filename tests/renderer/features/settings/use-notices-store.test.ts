import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, TOAST_MS, noticeRoute, useNoticesStore } from '../../../../renderer/src/features/settings/use-notices-store';
import { isSettingsShortcut } from '../../../../renderer/src/shell/use-settings-shortcut';

const batch = { title: 'Upload finished', body: '2 files done.', whenAway: false };
const push = { title: 'Approve your sign-in', body: 'A push was sent to your phone.', whenAway: true };

beforeEach(() => {
  vi.useFakeTimers();
  useNoticesStore.getState().clear();
});
afterEach(() => {
  for (const reason of ['pointer', 'focus', 'dialog'] as const) useNoticesStore.getState().resume(reason);
  useNoticesStore.getState().clear();
  vi.useRealTimers();
});

const titles = () => useNoticesStore.getState().toasts.map((t) => t.title);

describe('notice routing (browser host)', () => {
  it('uses a system notification only when allowed and the user is elsewhere', () => {
    expect(noticeRoute(batch, { permission: 'granted', looking: false })).toBe('system');
    expect(noticeRoute(batch, { permission: 'granted', looking: true })).toBe('toast');
    expect(noticeRoute(batch, { permission: 'default', looking: false })).toBe('toast');
    expect(noticeRoute(batch, { permission: 'denied', looking: false })).toBe('toast');
  });

  it('skips a "when away" notice while the user looks at Portico', () => {
    expect(noticeRoute(push, { permission: 'granted', looking: true })).toBe('skip');
    expect(noticeRoute(push, { permission: 'default', looking: true })).toBe('skip');
    expect(noticeRoute(push, { permission: 'granted', looking: false })).toBe('system');
    expect(noticeRoute(push, { permission: 'unavailable', looking: false })).toBe('toast');
  });
});

describe('toasts', () => {
  it('keeps the newest few and dismisses one by id', () => {
    const { show } = useNoticesStore.getState();
    for (let i = 1; i <= MAX_TOASTS + 2; i += 1) show({ title: `T${i}`, body: 'b' });
    const toasts = useNoticesStore.getState().toasts;
    expect(toasts.map((t) => t.title)).toEqual(Array.from({ length: MAX_TOASTS }, (_, i) => `T${i + 3}`));
    useNoticesStore.getState().dismiss(toasts[0]!.id);
    expect(useNoticesStore.getState().toasts).toHaveLength(MAX_TOASTS - 1);
  });

  it('go by themselves after their time on screen, each counted from when it was shown', () => {
    const { show } = useNoticesStore.getState();
    show({ title: 'Session ended', body: 'b' });
    vi.advanceTimersByTime(TOAST_MS / 2);
    show({ title: 'Upload finished', body: 'b' });
    vi.advanceTimersByTime(TOAST_MS / 2 - 1);
    expect(titles()).toEqual(['Session ended', 'Upload finished']);
    vi.advanceTimersByTime(1);
    expect(titles()).toEqual(['Upload finished']);
    vi.advanceTimersByTime(TOAST_MS / 2);
    expect(titles()).toEqual([]);
  });

  it('merges identical notices into one, counted, whose time starts again', () => {
    const { show } = useNoticesStore.getState();
    show({ title: 'Session ended', body: 'Sign in again.' });
    show({ title: 'Upload finished', body: '1 file transferred.' });
    vi.advanceTimersByTime(TOAST_MS - 1);
    show({ title: 'Session ended', body: 'Sign in again.' });
    show({ title: 'Session ended', body: 'Sign in again.' });
    expect(useNoticesStore.getState().toasts.map((t) => [t.title, t.count])).toEqual([
      ['Upload finished', 1],
      ['Session ended', 3],
    ]);
    vi.advanceTimersByTime(1);
    expect(titles()).toEqual(['Session ended']);
    vi.advanceTimersByTime(TOAST_MS - 2);
    expect(titles()).toEqual(['Session ended']);
    vi.advanceTimersByTime(1);
    expect(titles()).toEqual([]);
  });

  it('stand still while any reason to pause holds, and keep the time they had left', () => {
    const { show, pause, resume } = useNoticesStore.getState();
    show({ title: 'Session ended', body: 'b' });
    vi.advanceTimersByTime(TOAST_MS - 1000);
    pause('dialog');
    pause('pointer');
    vi.advanceTimersByTime(10 * TOAST_MS);
    resume('pointer');
    vi.advanceTimersByTime(10 * TOAST_MS);
    expect(titles()).toEqual(['Session ended']);
    resume('dialog');
    vi.advanceTimersByTime(999);
    expect(titles()).toEqual(['Session ended']);
    vi.advanceTimersByTime(1);
    expect(titles()).toEqual([]);
  });

  it('are all removed by clear, and no timer of theirs fires afterwards', () => {
    const { show, clear } = useNoticesStore.getState();
    show({ title: 'A', body: 'b' });
    show({ title: 'B', body: 'b' });
    clear();
    expect(titles()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('settings shortcut', () => {
  const key = (over: Partial<Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>>) => ({ key: ',', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
  it('is Ctrl+, or ⌘, and nothing else', () => {
    expect(isSettingsShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSettingsShortcut(key({ metaKey: true }))).toBe(true);
    expect(isSettingsShortcut(key({}))).toBe(false);
    expect(isSettingsShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSettingsShortcut(key({ ctrlKey: true, key: '.' }))).toBe(false);
  });
});
