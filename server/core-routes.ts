/** Public portal facts: health and branding. */
import type { PortalPlugin } from './app-context';
import packageJson from '../package.json' with { type: 'json' };

/** Version reported by `/health`. */
export const SERVER_VERSION: string = packageJson.version;

/** `GET /health`, `GET /branding`. */
export const coreRoutes: PortalPlugin = {
  name: 'core',
  register(app, ctx) {
    app.get('/health', async () => ({ status: 'ok', version: SERVER_VERSION }));
    app.get('/branding', async () => ({
      name: ctx.config.branding.name,
      supportPhones: [...ctx.config.branding.supportPhones],
      supportEmail: ctx.config.branding.supportEmail,
    }));
  },
};
