/**
 * The portal's passkey page address, checked before any window opens it.
 * The portal sends it, so it is hostile input: it must be `/passkey/` on the
 * portal's own origin — or, for a portal addressed by a loopback IP (which
 * cannot be a WebAuthn RP ID), on `localhost` at the same port, the one
 * alias the portal itself uses (server/mfa/passkeys.ts `relyingParty`).
 */
import { PortalError } from '../../core/errors';

/** The origin the portal runs its passkey ceremonies on. */
export function passkeyOrigin(portalUrl: string): string {
  const url = new URL(portalUrl);
  if (url.hostname === '127.0.0.1' || url.hostname === '[::1]') url.hostname = 'localhost';
  return url.origin;
}

/** The checked page address and the origin its window is locked to; throws otherwise. */
export function checkPasskeyPage(candidate: string, portalUrl: string): { url: string; origin: string } {
  const origin = passkeyOrigin(portalUrl);
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    throw new PortalError('portal_error', 'The portal sent an unusable passkey address.');
  }
  if (parsed.origin !== origin || parsed.pathname !== '/passkey/' || parsed.username !== '' || parsed.password !== '' || parsed.search !== '') {
    throw new PortalError('portal_error', 'The portal sent a passkey address that is not its own.');
  }
  return { url: parsed.href, origin };
}
