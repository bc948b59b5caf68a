/**
 * Asks the portal for FTPS transfer credentials
 * (`POST /api/v1/transfers/credentials`, docs/transfers.md). The answer is
 * hostile input: every field is typed and bounded. The token it carries is a
 * secret: it goes to the engine only, never to logs or the renderer.
 */
import { z } from 'zod';
import { PortalError } from '../core/errors';
import type { PortalTarget } from '../portal/client';
import { normalisePortalUrl } from '../portal/url';
import type { TransferCredentials } from './engine';

const credentialsSchema = z.object({
  host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1).max(128),
  token: z.string().min(16).max(512).regex(/^[A-Za-z0-9_\-.~+/=]+$/),
  expiresAt: z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s))),
  tls: z.object({ fingerprint256: z.string().max(128).regex(/^[0-9A-Fa-f:]+$/).optional() }),
});

/** Fetches fresh transfer credentials for the signed-in session of `target`. */
export async function requestTransferCredentials(fetchFn: typeof fetch, target: PortalTarget): Promise<TransferCredentials> {
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(`${normalisePortalUrl(target.portalUrl)}/api/v1/transfers/credentials`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(target.token ? { Authorization: `Bearer ${target.token}` } : {}) },
      body: '{}',
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    text = await response.text();
  } catch {
    throw new PortalError('connection_failed', 'Portico could not reach the portal. Check the address and your connection.');
  }
  if (response.status === 401) throw new PortalError('session_expired', 'Your session has ended. Please sign in again.');
  if (response.status === 404) throw new PortalError('not_found', 'This portal does not offer file transfers.');
  if (!response.ok || text.length > 64 * 1024) throw new PortalError('portal_error', 'The portal could not start file transfers. Please try again later.');
  let parsed: ReturnType<typeof credentialsSchema.safeParse>;
  try {
    parsed = credentialsSchema.safeParse(JSON.parse(text));
  } catch {
    throw new PortalError('portal_error', 'The portal sent an answer Portico does not understand.');
  }
  if (!parsed.success) throw new PortalError('portal_error', 'The portal sent an answer Portico does not understand.');
  const { fingerprint256 } = parsed.data.tls;
  return { ...parsed.data, tls: fingerprint256 ? { fingerprint256 } : {} };
}
