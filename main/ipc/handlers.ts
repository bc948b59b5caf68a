/**
 * Channel → service call. Handlers receive arguments the router has already
 * validated, so they only translate; all rules live in the services.
 */
import type { AppInfo } from '../../common/contract';
import type { Handlers } from './handler-types';
import type { CatalogueService } from '../services/launcher/catalogue-service';
import type { DesktopIntegration } from '../services/desktop/integration';
import type { LauncherService } from '../services/launcher/launcher-service';
import type { MfaService } from '../services/auth/mfa/mfa-service';
import { createMfaHandlers } from './mfa-handlers';
import type { PortalApi } from '../services/portal/client';
import type { SessionService } from '../services/auth/session-service';
import type { TransfersService } from '../services/transfers/service';
import { createTransferHandlers } from './transfer-handlers';
import type { PasswordService } from '../services/auth/password-service';
import type { ResetService } from '../services/auth/reset-service';
import { createPasswordHandlers } from './password-handlers';
import type { AdminService } from '../services/admin/admin-service';
import { createAdminHandlers } from './admin-handlers';
import type { AppPasswordsService } from '../services/account/app-passwords-service';
import { createAppPasswordHandlers } from './app-password-handlers';


/** The services the handlers call. */
export interface HandlerServices {
  appInfo: AppInfo;
  portal: PortalApi;
  session: SessionService;
  catalogue: CatalogueService;
  launcher: LauncherService;
  /** Diagnostics and desktop settings. */
  desktop: DesktopIntegration;
  /** File transfers. */
  transfers: TransfersService;
  /** Passwords, security questions, reset. */
  passwords: PasswordService;
  reset: ResetService;
  /** Second factor and activation. */
  mfa: MfaService;
  /** New-user requests and administration. */
  admin: AdminService;
  /** FTPS app passwords. */
  appPasswords: AppPasswordsService;
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
    'apps:get-launch-preference': () => catalogue.launchPreference(),
    'apps:set-launch-preference': (request) => catalogue.setLaunchPreference(request.preference),
    // Desktop integration.
    'diagnostics:save': () => services.desktop.saveDiagnostics(),
    'desktop:get-settings': () => services.desktop.settings(),
    'desktop:set-settings': (patch) => services.desktop.updateSettings(patch),
    // File transfers.
    ...createTransferHandlers(services.transfers),
    // Passwords, security questions, reset.
    ...createPasswordHandlers(services.passwords, services.reset),
    // Second factor and activation.
    ...createMfaHandlers(services.mfa, session),
    // New-user requests and administration.
    ...createAdminHandlers(services.admin),
    // FTPS app passwords.
    ...createAppPasswordHandlers(services.appPasswords),
  };
}
