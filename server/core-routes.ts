/** Public portal facts: health, branding, and this API's OpenAPI document. */
import { endpoints } from '../common/api';
import { buildOpenApiDocument } from '../common/api/openapi';
import type { PortalPlugin } from './app-context';
import { ensurePortalId } from './portal-identity';
import { route } from './route';
import packageJson from '../package.json' with { type: 'json' };

/** Version reported by `/health`. */
export const SERVER_VERSION: string = packageJson.version;

/** `GET /health`, `GET /branding`, `GET /openapi.json`. */
export const coreRoutes: PortalPlugin = {
  name: 'core',
  async register(app, ctx) {
    // Read once: the id never changes while serving (every instance reads the same row).
    const portalId = await ensurePortalId(ctx.db, ctx.clock.now());
    route(app, endpoints.health, async () => ({ status: 'ok', version: SERVER_VERSION }));
    route(app, endpoints.branding, async () => ({
      name: ctx.config.branding.name,
      supportPhones: [...ctx.config.branding.supportPhones],
      supportEmail: ctx.config.branding.supportEmail,
      portalId,
    }));
    // Generated once: the endpoint list does not change while serving.
    const document = buildOpenApiDocument(SERVER_VERSION);
    route(app, endpoints.openApi, async () => document);
  },
};
