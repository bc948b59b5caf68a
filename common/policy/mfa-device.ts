/**
 * The second-factor device the user picks when enrolling, as fields both the
 * client (IPC validation) and the portal (request validation) check the same
 * way: the kind, and for phones an international number and a phone type.
 */
import { z } from 'zod';

/** A phone number with its country code: `+`, then 6–24 digits, spaces, dashes or brackets. */
export const PHONE_NUMBER_PATTERN = /^\+[1-9][0-9 ()-]{5,23}$/;

/** The fields of a new device (the portal also requires number and type for a mobile phone). */
export const newDeviceFields = {
  kind: z.enum(['mobile', 'tablet', 'authenticator']),
  phoneNumber: z.string().regex(PHONE_NUMBER_PATTERN).optional(),
  phoneType: z.enum(['iphone', 'android', 'other']).optional(),
};
