/**
 * One runtime schema per invoke channel, for its argument TUPLE. Written
 * with `satisfies` against the contract, and checked for exact type
 * equality below, so a contract change that the schemas do not follow
 * breaks the build. Objects are strict: unknown keys (including
 * `__proto__`/`constructor`) are rejected, never stripped.
 */
import { z } from 'zod';
import type { InvokeArgs, InvokeChannel } from '../../common/contract';
import { transferChannelSchemas } from './transfer-schemas';
import { desktopChannelSchemas } from '../services/desktop/schemas';
import { passwordChannelSchemas } from './password-schemas';
import { mfaChannelSchemas } from './mfa-schemas';
import { adminChannelSchemas } from './admin-schemas';
import { appPasswordChannelSchemas } from './app-password-schemas';
import { appIdSchema, httpUrlSchema, passwordSchema, usernameSchema } from './field-schemas';

/** Runtime schemas of every invoke channel's arguments. */
export const channelSchemas = {
  'app:get-info': z.tuple([]),
  'portal:get-branding': z.tuple([]),
  'auth:get-state': z.tuple([]),
  'auth:sign-in': z.tuple([z.strictObject({ portalUrl: httpUrlSchema, username: usernameSchema, password: passwordSchema })]),
  'auth:sign-out': z.tuple([]),
  'apps:list': z.tuple([]),
  'apps:set-favorite': z.tuple([z.strictObject({ appId: appIdSchema, favorite: z.boolean() })]),
  'apps:launch': z.tuple([z.strictObject({ appId: appIdSchema, mode: z.enum(['native', 'web']) })]),
  'apps:get-launch-preference': z.tuple([]),
  'apps:set-launch-preference': z.tuple([z.strictObject({ preference: z.enum(['native', 'light']) })]),
  // File transfers.
  ...transferChannelSchemas,
  // Desktop integration.
  ...desktopChannelSchemas,
  // Passwords, security questions, reset.
  ...passwordChannelSchemas,
  // Second factor and activation.
  ...mfaChannelSchemas,
  // New-user requests and administration.
  ...adminChannelSchemas,
  // FTPS app passwords.
  ...appPasswordChannelSchemas,
} satisfies { [C in InvokeChannel]: z.ZodType<InvokeArgs<C>> };

/** The schema table's type (what `createRouter` takes). */
export type ChannelSchemas = { [C in InvokeChannel]: z.ZodType<InvokeArgs<C>> };

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllTrue<T extends { [C in InvokeChannel]: true }> = T;

/**
 * Compile-time proof that each schema accepts exactly the contract's
 * arguments (the `satisfies` above only proves one direction).
 */
export type SchemasMatchContract = AllTrue<{
  [C in InvokeChannel]: Exact<z.output<(typeof channelSchemas)[C]>, InvokeArgs<C>>;
}>;
