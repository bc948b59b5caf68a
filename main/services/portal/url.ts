/** Normalising the portal address the user typed. */
import { PortalError } from '../core/errors';

/**
 * Turns a user-typed portal address into its canonical base URL: http(s)
 * only, no credentials, query or fragment, no trailing slash, and without a
 * pasted `/api/v1` suffix. Throws `invalid_request` otherwise.
 */
export function normalisePortalUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new PortalError('invalid_request', 'Enter the portal address, for example https://portal.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PortalError('invalid_request', 'The portal address must start with https://.');
  }
  if (url.username || url.password) {
    throw new PortalError('invalid_request', 'The portal address must not contain a user name or password.');
  }
  let pathname = url.pathname.replace(/\/+$/, '');
  if (pathname.endsWith('/api/v1')) pathname = pathname.slice(0, -'/api/v1'.length);
  return `${url.origin}${pathname}`;
}
