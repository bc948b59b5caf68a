/** The light version's part of the portal configuration (read by `server/config.ts`). */
import { z } from 'zod';

/**
 * The VNC session host serving one app's light version. Absent: the
 * reference app host on this machine (when its packages are installed).
 */
export const lightHostSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  password: z.string().min(1).max(8).nullable(),
});

/** The WebSocket gateway to VNC session hosts. */
export const lightSettingsSchema = z.object({
  /** Light sessions one user may have open at once. */
  maxSessionsPerUser: z.number().int().min(1).max(100),
  /** A light session with no keyboard or mouse input this long is ended. */
  idleTimeoutSeconds: z.number().int().min(10).max(86400),
  /** The reference app host (Xvnc on this machine): auto = when installed. */
  referenceHost: z.enum(['auto', 'off']),
});
