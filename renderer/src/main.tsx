import { connectApi } from './api';
import { installPageGuards } from './features/hardening/page-guards';
import { provideTabOpener } from './lib/new-tab';
import './styles.css';

// Before any of our code renders: no new windows, no links away from the app;
// only the light version (browser host) may open a tab, through lib/new-tab.
provideTabOpener(installPageGuards());

// Fast start: connect first (the socket and main's first answers travel while
// React and the screens load), then hand over to the React half.
const api = connectApi();
// `boot` handles a failure (it shows the start-up error); this only keeps it
// from being reported as unhandled while the React half is still loading.
api.catch(() => undefined);
const container = document.getElementById('root');
if (container) {
  import('./boot')
    .then(({ boot }) => boot(container, api))
    .catch(() => {
      // The app's own code failed to load (e.g. the host went away mid-load).
      container.textContent = "Portico couldn't load. Reload the page to try again.";
    });
}
