/**
 * Runtime schemas of the app-password channels (merged into
 * `channelSchemas`): the name as the portal checks it (one line, no
 * invisible characters), the id in the portal's shape; objects strict.
 */
import { z } from 'zod';
import { safeText } from '../../common/text/guard';
import type { InvokeArgs, InvokeChannel } from '../../common/contract';

const appPasswordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const appPasswordName = safeText({ min: 1, max: 60, invisible: true });

type AppPasswordChannel = Extract<InvokeChannel, `app-passwords:${string}`>;

/** Schemas of the `app-passwords:*` channels. */
export const appPasswordChannelSchemas = {
  'app-passwords:list': z.tuple([]),
  'app-passwords:create': z.tuple([z.strictObject({ name: appPasswordName })]),
  'app-passwords:revoke': z.tuple([z.strictObject({ id: appPasswordId })]),
} satisfies { [C in AppPasswordChannel]: z.ZodType<InvokeArgs<C>> };
