/**
 * Checks a launch descriptor against the portal's launch policy before
 * anything reaches the OS: native hosts on the allowlist, no clipboard or
 * drive redirection unless allowed, web sessions only on approved http(s)
 * origins.
 */
import { PortalError } from '../core/errors';
import type { LaunchDescriptor, LaunchPolicy } from '../../../common/api';

/**
 * Throws `launch_blocked` (with a user-facing reason) when the descriptor
 * breaks the policy; returns the approved origin for web sessions.
 */
export function checkLaunch(descriptor: LaunchDescriptor, policy: LaunchPolicy): { allowedOrigin: string | null } {
  if (descriptor.type === 'web') return { allowedOrigin: checkWeb(descriptor.url, policy) };
  const host = hostOf(descriptor.address);
  const allowed = new Set(policy.allowedHosts.map((h) => h.toLowerCase()));
  if (host === null || !allowed.has(host)) throw blocked('its server is not on the portal’s list of approved hosts');
  if (descriptor.allowClipboard && !policy.allowClipboard) throw blocked('it asks for clipboard sharing, which the portal does not allow');
  if (descriptor.allowDrives && !policy.allowDrives) throw blocked('it asks for access to your drives, which the portal does not allow');
  return { allowedOrigin: null };
}

/** Host of `host`, `host:port` or `[v6]:port` (lower-case), or null when malformed. */
export function hostOf(address: string): string | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(address);
  if (!match) return null;
  if (match[2] !== undefined) {
    const port = Number(match[2]);
    if (port < 1 || port > 65535) return null;
  }
  return match[1]!.toLowerCase();
}

function checkWeb(rawUrl: string, policy: LaunchPolicy): string {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw blocked('its address is not valid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw blocked('its address is not a web address');
  if (url.username || url.password) throw blocked('its address carries credentials');
  const approved = policy.webOrigins.some((origin) => safeOrigin(origin) === url.origin);
  if (!approved) throw blocked('its address is not on the portal’s approved origins');
  return url.origin;
}

function safeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

function blocked(why: string): PortalError {
  return new PortalError('launch_blocked', `Portico did not start this application because ${why}.`);
}
