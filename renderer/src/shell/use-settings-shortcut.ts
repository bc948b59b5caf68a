import { useEffect } from 'react';
import { useNavigationStore } from '../lib/use-navigation-store';

/** True for the platform's "preferences" shortcut: Ctrl+, (⌘, on macOS). */
export function isSettingsShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.key === ',' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/** Opens *Settings* on Ctrl+, / ⌘, while signed in (the usual desktop shortcut for preferences). */
export function useSettingsShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event)) return;
      event.preventDefault();
      useNavigationStore.getState().navigate('settings');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
