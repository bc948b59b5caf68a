/** WebSocket close codes of the light gateway's faults; the page turns each into its own page (`assets.ts`). */
export const CLOSE = {
  /** Unknown, expired or already used ticket. */
  expired: 4001,
  /** The ticket's portal session ended, or the request came with another session. */
  session: 4003,
  /** Anything but `?ticket=` on the app's own path. */
  badRequest: 4400,
  /** The portal session ended while the light session ran (sign-out, expiry). */
  signedOut: 4401,
  /** No keyboard or mouse input for the idle timeout. */
  idle: 4408,
  /** The user has the most light sessions the portal allows. */
  limit: 4429,
  /** The session host could not be reached or refused the gateway. */
  hostDown: 4502,
  /** The session host stopped during the session. */
  hostEnded: 4504,
  /** No session host serves this app. */
  noHost: 4404,
} as const;
