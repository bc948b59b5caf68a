/**
 * Runtime schemas of the desktop channels (settings, diagnostics), spread into
 * `main/ipc/schemas.ts` like the other feature blocks.
 */
import { z } from 'zod';
import type { InvokeArgs } from '../../../common/contract';

type DesktopChannel = 'diagnostics:save' | 'desktop:get-settings' | 'desktop:set-settings';

/** Schemas of the desktop channels' argument tuples (objects strict). */
export const desktopChannelSchemas = {
  'diagnostics:save': z.tuple([]),
  'desktop:get-settings': z.tuple([]),
  'desktop:set-settings': z.tuple([
    z
      .strictObject({
        closeToTray: z.boolean().optional(),
        startAtLogin: z.boolean().optional(),
        notifications: z.boolean().optional(),
      })
      .refine((patch) => patch.closeToTray !== undefined || patch.startAtLogin !== undefined || patch.notifications !== undefined),
  ]),
} satisfies { [C in DesktopChannel]: z.ZodType<InvokeArgs<C>> };
