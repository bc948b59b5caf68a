import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DesktopApi } from '../../common/contract';
import { App } from './App';
import { startRenderer } from './bootstrap';
import { StartupError } from './StartupError';

/**
 * The React half of start-up, in its own chunk: the entry (`main.tsx`)
 * starts connecting to main first and the page preloads this chunk in
 * parallel (see the renderer build in electron.vite.config.ts).
 */
export async function boot(container: HTMLElement, api: Promise<DesktopApi>): Promise<void> {
  const root = createRoot(container);
  try {
    const connected = await api;
    // Marks for `npm run bench` / `bench:desktop` (where start-up time goes); no data in them.
    performance.mark('portico:boot-connected');
    await startRenderer(connected);
    performance.mark('portico:boot-state-loaded');
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } catch {
    // Nothing works without main, so say so plainly instead of a blank page.
    root.render(<StartupError onRetry={() => window.location.reload()} />);
  }
}
