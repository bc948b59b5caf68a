/**
 * Asks the portal for FTPS transfer credentials
 * (`POST /api/v1/transfers/credentials`, docs/transfers.md) through the one
 * portal client, which validates the answer with the common schema. The
 * token it carries is a secret: it goes to the engine only, never to logs
 * or the renderer.
 */
import { endpoints } from '../../../common/api';
import { PortalError } from '../core/errors';
import type { PortalApi, PortalTarget } from '../portal/client';
import type { TransferCredentials } from './engine';

/** Failures that keep their own words; anything else means transfers could not start. */
const PASSED_THROUGH = new Set(['connection_failed', 'session_expired']);
const NOT_UNDERSTOOD = 'The portal sent an answer Portico does not understand.';

/** Fetches fresh transfer credentials for the signed-in session of `target`. */
export async function requestTransferCredentials(portal: PortalApi, target: PortalTarget): Promise<TransferCredentials> {
  let answer;
  try {
    answer = await portal.call(target, endpoints.transferCredentials, { body: {} });
  } catch (error) {
    if (!(error instanceof PortalError) || PASSED_THROUGH.has(error.code)) throw error;
    if (error.code === 'not_found') throw new PortalError('not_found', 'This portal does not offer file transfers.');
    if (error.message === NOT_UNDERSTOOD) throw error;
    throw new PortalError('portal_error', 'The portal could not start file transfers. Please try again later.');
  }
  const { fingerprint256 } = answer.tls;
  return { ...answer, tls: fingerprint256 ? { fingerprint256 } : {} };
}
