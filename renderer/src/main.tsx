import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './App';
import { startRenderer } from './bootstrap';
import { StartupError } from './StartupError';
import { installPageGuards } from './features/hardening/page-guards';
import './styles.css';

async function start(root: ReturnType<typeof createRoot>): Promise<void> {
  try {
    await startRenderer(await connectApi());
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

// Before any of our code renders: no new windows, no links away from the app.
installPageGuards();

const container = document.getElementById('root');
if (container) void start(createRoot(container));
