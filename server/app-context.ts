/** What route modules get: shared services and the session guard. */
import type { FastifyInstance } from 'fastify';
import type { PasswordServices } from './auth/password-setup';
import type { PasswordHasher } from './auth/passwords';
import type { RequireSession } from './auth/require-session';
import type { SessionStore } from './auth/sessions';
import type { SignInFlow } from './auth/sign-in-flow';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import type { Db } from './db';
import type { Signals } from './db/signals';
import type { SeedCipher } from './mfa/seed-cipher';

/**
 * Services shared by every route module. Built complete, in dependency
 * order, by `buildApp` (`app.ts`) and frozen before any plugin sees it.
 */
export interface AppContext {
  readonly config: ServerConfig;
  readonly db: Db;
  /** Cross-instance notifications (topic + key); see `db/signals.ts`. */
  readonly signals: Signals;
  readonly clock: Clock;
  /** Seals and opens TOTP seeds (the portal's seed key; see `mfa/seed-keys.ts`). */
  readonly seeds: SeedCipher;
  readonly hasher: PasswordHasher;
  readonly sessions: SessionStore;
  /** The sign-in flow, with every gate (`sign-in-gates.ts`). */
  readonly signIn: SignInFlow;
  /** Guard for authenticated routes (use as `preHandler`, or await it in a handler). */
  readonly requireSession: RequireSession;
  /** Base URL clients reach this portal at (for links such as light-version launches). */
  publicUrl(): string;
  /** Password policy, lockout and reset services. */
  readonly passwords: PasswordServices;
  /**
   * Called with the username after a sign-out (e.g. to revoke FTPS
   * transfer tokens). Plugins add to it while they register; the sign-out
   * route awaits each.
   */
  readonly onSignOut: ((username: string) => Promise<void>)[];
  /** Folder holding every user's FTPS folder (light sessions start there); null when the portal has none. */
  readonly filesDir: string | null;
}

/**
 * A route module. Core features and later ones (e.g. FTPS transfers) are
 * all plugins, so adding one is one entry in a list.
 */
export interface PortalPlugin {
  name: string;
  /** URL prefix of the module's routes; default `/api/v1`. */
  prefix?: string;
  register(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
}
