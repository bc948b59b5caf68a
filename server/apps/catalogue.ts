/** The app catalogue as clients see it (from `config.apps`). */
import { portalAppOf, type PortalApp } from '../../common/api/apps';
import type { AppConfig, ServerConfig } from '../config';

/** How an app can be started. */
export type LaunchMethod = PortalApp['methods'][number];

/** One catalogue entry on the wire. */
export type AppEntry = PortalApp;

/** Public view of one configured app. */
export function toAppEntry(app: AppConfig): AppEntry {
  return portalAppOf(app);
}

/** Looks an app up by id. */
export function findApp(config: ServerConfig, id: string): AppConfig | undefined {
  return config.apps.find((app) => app.id === id);
}
