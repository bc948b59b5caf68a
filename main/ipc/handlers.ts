/**
 * Channel → service call. Handlers receive arguments the router has already
 * validated, so they only translate; all rules live in the services.
 */
import type { AppInfo, InvokeArgs, InvokeChannel, InvokeValue } from '../../preload/contract';
import type { CatalogueService } from '../services/catalogue-service';
import type { LauncherService } from '../services/launcher/launcher-service';
import type { PortalClient } from '../services/portal-client';
import type { SessionService } from '../services/session-service';

/** One function per invoke channel. */
export type Handlers = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeValue<C>> | InvokeValue<C>;
};

/** The services the handlers call. */
export interface HandlerServices {
  appInfo: AppInfo;
  portal: PortalClient;
  session: SessionService;
  catalogue: CatalogueService;
  launcher: LauncherService;
}

/** Builds the handler table from the services. */
export function createHandlers(services: HandlerServices): Handlers {
  const { session, catalogue, launcher, portal } = services;
  return {
    'app:get-info': () => ({ ...services.appInfo }),
    'portal:get-branding': async () => {
      const branding = await portal.getBranding({ portalUrl: session.state().portalUrl });
      return { name: branding.name, supportPhones: [...branding.supportPhones], supportEmail: branding.supportEmail };
    },
    'auth:get-state': () => session.state(),
    'auth:sign-in': (request) => session.signIn(request),
    'auth:sign-out': () => session.signOut(),
    'apps:list': () => catalogue.list(),
    'apps:set-favorite': (request) => catalogue.setFavorite(request),
    'apps:launch': (request) => launcher.launch(request),
  };
}
