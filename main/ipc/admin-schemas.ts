/**
 * Runtime schemas of the requests and administration channels
 * (merged into `channelSchemas`). The portal validates again; these keep
 * malformed input from ever leaving main.
 */
import { z } from 'zod';
import type { InvokeArgs, InvokeChannel } from '../../preload/contract';

type AdminChannel = Extract<InvokeChannel, `requests:${string}` | `admin:${string}`>;

// eslint-disable-next-line no-control-regex
const line = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/);
// eslint-disable-next-line no-control-regex
const multiline = (max: number) => z.string().max(max).regex(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/);
const username = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/);
const id = z.string().regex(/^[0-9a-f-]{36}$/i);
const isoTime = z.string().max(40).refine((value) => !Number.isNaN(Date.parse(value)));

const activityFilter = z.strictObject({
  since: isoTime.optional(),
  until: isoTime.optional(),
  // Required (may be empty), so a stray empty object is never a valid filter.
  type: z.string().max(64).regex(/^[a-z0-9_.-]*$/),
  username: line(128).optional(),
  text: line(100).optional(),
});

/** Schemas of the `requests:*` and `admin:*` channels. */
export const adminChannelSchemas = {
  'requests:create': z.tuple([
    z.strictObject({ fullName: line(100).min(1), email: line(254).min(3), note: multiline(500).optional() }),
  ]),
  'requests:list-mine': z.tuple([]),
  'admin:list-requests': z.tuple([z.strictObject({ status: z.enum(['pending', 'all']) })]),
  'admin:approve-request': z.tuple([z.strictObject({ id, username })]),
  'admin:decline-request': z.tuple([z.strictObject({ id, reason: multiline(500).min(1) })]),
  'admin:list-users': z.tuple([z.strictObject({ query: line(100) })]),
  'admin:user-action': z.tuple([
    z.strictObject({
      username,
      action: z.enum(['unlock', 'reset-mfa', 'force-password-change', 'disable', 'enable', 'grant-manager', 'revoke-manager']),
    }),
  ]),
  'admin:list-activity': z.tuple([activityFilter]),
  'admin:export-activity': z.tuple([activityFilter]),
} satisfies { [C in AdminChannel]: z.ZodType<InvokeArgs<C>> };
