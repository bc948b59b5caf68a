/**
 * The clock check. Authenticator codes depend on the time; when a
 * passcode fails and this computer's clock differs from the portal's (its
 * `Date` header) by more than 30 s, the user is told so and how to fix it.
 */

/** Differences up to this are normal (network delay, one code step). */
export const CLOCK_SKEW_LIMIT_MS = 30_000;

/** A message when the offset (server minus local, ms) is too large; null otherwise. */
export function clockSkewDetails(offsetMs: number | null): { seconds: number; message: string } | null {
  if (offsetMs === null || !Number.isFinite(offsetMs) || Math.abs(offsetMs) <= CLOCK_SKEW_LIMIT_MS) return null;
  const seconds = Math.round(offsetMs / 1000);
  const direction = seconds > 0 ? 'behind' : 'ahead of';
  const amount = Math.abs(seconds) >= 120 ? `${Math.round(Math.abs(seconds) / 60)} minutes` : `${Math.abs(seconds)} seconds`;
  return {
    seconds,
    message: `That code did not work, and this computer's clock is ${amount} ${direction} the portal's. Turn on "Set time automatically" in your system's date and time settings (and on your phone), then try a new code.`,
  };
}
