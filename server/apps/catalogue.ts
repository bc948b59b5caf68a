/** The app catalogue as clients see it (from `config.apps`). */
import type { AppConfig, ServerConfig } from '../config';

/** How an app can be started. */
export type LaunchMethod = 'ica' | 'rdp' | 'web';

/** One catalogue entry on the wire. */
export interface AppEntry {
  id: string;
  name: string;
  description: string;
  icon: string;
  kind: 'app' | 'desktop';
  methods: LaunchMethod[];
}

/** Public view of one configured app. */
export function toAppEntry(app: AppConfig): AppEntry {
  return {
    id: app.id,
    name: app.name,
    description: app.description,
    icon: app.icon,
    kind: app.kind,
    methods: [...app.methods],
  };
}

/** Looks an app up by id. */
export function findApp(config: ServerConfig, id: string): AppConfig | undefined {
  return config.apps.find((app) => app.id === id);
}
