import { useEffect } from 'react';

/**
 * Calls `tick` now and every `intervalMs` while the component is mounted and
 * the page is visible, so statuses update without a reload.
 */
export function usePolling(tick: () => void | Promise<void>, intervalMs: number): void {
  useEffect(() => {
    let stopped = false;
    const run = () => {
      if (!stopped && document.visibilityState !== 'hidden') void tick();
    };
    run();
    const timer = window.setInterval(run, intervalMs);
    document.addEventListener('visibilitychange', run);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }, [tick, intervalMs]);
}
