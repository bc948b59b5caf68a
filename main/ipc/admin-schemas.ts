/**
 * Runtime schemas of the requests and administration channels
 * (merged into `channelSchemas`). The portal validates again; these keep
 * malformed input from ever leaving main.
 */
import { z } from 'zod';
import { safeText } from '../../common/text/guard';
import type { InvokeArgs, InvokeChannel } from '../../common/contract';

type AdminChannel = Extract<InvokeChannel, `requests:${string}` | `admin:${string}`>;

const line = (max: number) => safeText({ max });
// Notes and reasons keep line breaks; tabs stay refused, as the portal refuses them.
const multiline = (max: number) => safeText({ max, newlines: true });
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
  'admin:issue-temporary-password': z.tuple([z.strictObject({ username })]),
  'admin:list-activity': z.tuple([activityFilter]),
  'admin:export-activity': z.tuple([activityFilter]),
} satisfies { [C in AdminChannel]: z.ZodType<InvokeArgs<C>> };
