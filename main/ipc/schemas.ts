/**
 * One runtime schema per invoke channel, for its argument TUPLE. Written
 * with `satisfies` against the contract, and checked for exact type
 * equality below, so a contract change that the schemas do not follow
 * breaks the build. Objects are strict: unknown keys (including
 * `__proto__`/`constructor`) are rejected, never stripped.
 */
import { z } from 'zod';
import type { InvokeArgs, InvokeChannel } from '../../preload/contract';
import { transferChannelSchemas } from './transfer-schemas';
import { desktopChannelSchemas } from '../services/desktop-schemas';
import { passwordChannelSchemas } from './password-schemas';
import { mfaChannelSchemas } from './mfa-schemas';
import { adminChannelSchemas } from './admin-schemas';

/** Usernames: 1–128 characters, no control characters. */
export const usernameSchema = z
  .string()
  .min(1)
  .max(128)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/);

/** Passwords: 1–1024 characters, never trimmed or truncated. */
export const passwordSchema = z.string().min(1).max(1024);

/** URLs: at most 2048 characters, http(s) only. */
export const httpUrlSchema = z
  .string()
  .min(1)
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value.trim());
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  });

/** App ids: 1–64 of `[a-z0-9-]`. */
export const appIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

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
  // Issue 5: transfers.
  ...transferChannelSchemas,
  // Issue 6: desktop integration.
  ...desktopChannelSchemas,
  // Issue 4: passwords, security questions, reset.
  ...passwordChannelSchemas,
  // Issue 3: second factor and activation.
  ...mfaChannelSchemas,
  // Issue 7: new-user requests and administration.
  ...adminChannelSchemas,
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
