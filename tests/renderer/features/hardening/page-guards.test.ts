import { describe, expect, it } from 'vitest';
import { installPageGuards, isSameOriginLink } from '../../../../renderer/src/features/hardening/page-guards';

describe('isSameOriginLink', () => {
  const base = 'http://127.0.0.1:5000/index.html';
  it('accepts relative and same-origin links', () => {
    expect(isSameOriginLink('/apps', base, 'http://127.0.0.1:5000')).toBe(true);
    expect(isSameOriginLink('#top', base, 'http://127.0.0.1:5000')).toBe(true);
    expect(isSameOriginLink('app://portico/x', 'app://portico/index.html', 'app://portico')).toBe(true);
  });
  it.each(['https://example.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'http://127.0.0.1:5001/', '//evil.example/'])(
    'refuses %s',
    (href) => expect(isSameOriginLink(href, base, 'http://127.0.0.1:5000')).toBe(false),
  );
});

describe('installPageGuards', () => {
  function fakeWindow() {
    const listeners: Array<{ type: string; fn: (event: Event) => void; capture: unknown }> = [];
    const win = {
      location: { origin: 'http://127.0.0.1:5000', href: 'http://127.0.0.1:5000/' },
      document: { addEventListener: (type: string, fn: (event: Event) => void, capture: unknown) => listeners.push({ type, fn, capture }) },
      open: (() => ({})) as unknown,
    };
    return { win, listeners };
  }
  function click(listeners: ReturnType<typeof fakeWindow>['listeners'], attrs: Record<string, string>): boolean {
    let prevented = false;
    const link = { getAttribute: (name: string) => attrs[name] ?? null, hasAttribute: (name: string) => name in attrs };
    const event = { target: { closest: () => link }, preventDefault: () => void (prevented = true) } as unknown as Event;
    listeners.find((l) => l.type === 'click')!.fn(event);
    return prevented;
  }

  it('hands back the only way left to open a tab: web URLs with noopener and noreferrer', () => {
    const calls: unknown[][] = [];
    const { win } = fakeWindow();
    win.open = (...args: unknown[]) => void calls.push(args);
    const openTab = installPageGuards(win as never);
    openTab('https://portal.example/light/7zip?ticket=abc');
    openTab('javascript:alert(1)');
    openTab('file:///etc/passwd');
    openTab('https://user:pw@portal.example/');
    expect(calls).toEqual([['https://portal.example/light/7zip?ticket=abc', '_blank', 'noopener,noreferrer']]);
    expect((win.open as () => unknown)()).toBeNull();
  });

  it('makes window.open answer null for good', () => {
    const { win } = fakeWindow();
    installPageGuards(win as never);
    expect((win.open as () => unknown)()).toBeNull();
    expect(() => Object.defineProperty(win, 'open', { value: () => 'back' })).toThrow();
  });

  it('stops clicks that leave the app or open a window, in the capture phase', () => {
    const { win, listeners } = fakeWindow();
    installPageGuards(win as never);
    expect(listeners.map((l) => [l.type, l.capture])).toEqual([
      ['click', true],
      ['auxclick', true],
    ]);
    expect(click(listeners, { href: 'https://example.com/' })).toBe(true);
    expect(click(listeners, { href: '/', target: '_blank' })).toBe(true);
    expect(click(listeners, { href: '/apps' })).toBe(false);
    expect(click(listeners, { href: 'blob:http://127.0.0.1:5000/1234', download: 'x.txt' })).toBe(false);
  });
});
