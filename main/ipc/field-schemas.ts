/**
 * Field schemas shared by the channel schema files. A leaf module: the
 * per-feature schema files import it, and `schemas.ts` imports them, so
 * nothing here may import `schemas.ts`.
 */
import { z } from 'zod';
import { safeText } from '../../common/text/guard';

/** Usernames: 1–128 characters, one safe line (see common/text/guard). */
export const usernameSchema = safeText({ min: 1, max: 128 });

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
