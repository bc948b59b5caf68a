import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_TOASTS, noticeRoute, useNoticesStore } from '../../../../renderer/src/features/settings/use-notices-store';
import { isSettingsShortcut } from '../../../../renderer/src/shell/use-settings-shortcut';

const batch = { title: 'Upload finished', body: '2 files done.', whenAway: false };
const push = { title: 'Approve your sign-in', body: 'A push was sent to your phone.', whenAway: true };

beforeEach(() => useNoticesStore.setState({ toasts: [] }));

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
