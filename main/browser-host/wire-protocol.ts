/**
 * The browser host's WebSocket wire protocol, shared by the host and
 * `preload/browser-transport.ts`:
 *
 * - client → host `{id, channel, args}`
 * - host → client `{id, result}` (a contract `Result`) or `{event, payload}`
 *
 * Parsing is pure so the hostile-input rules are unit-tested.
 */
import type { Result } from '../../common/contract';

/** Largest message either side accepts; bigger ones close the socket. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** A well-formed client request. */
export interface WireRequest {
  id: number;
  channel: string;
  args: unknown[];
}

/** What the host makes of one incoming text frame. */
export type ParsedRequest =
  | { kind: 'request'; request: WireRequest }
  /** Malformed but the id is known: answer with this typed error. */
  | { kind: 'reject'; id: number; result: Result<never> }
  /** Nothing to answer to: the host closes the socket. */
  | { kind: 'fatal'; reason: string };

const MAX_CHANNEL_LENGTH = 128;

function invalid(id: number, message: string): ParsedRequest {
  return { kind: 'reject', id, result: { ok: false, error: { code: 'invalid_request', message } } };
}

/** True for ids the protocol accepts: non-negative safe integers. */
export function isWireId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Parses one client frame. Never throws. */
export function parseClientMessage(text: string): ParsedRequest {
  if (Buffer.byteLength(text, 'utf8') > MAX_MESSAGE_BYTES)
    return { kind: 'fatal', reason: 'message too large' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'fatal', reason: 'not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { kind: 'fatal', reason: 'not an object' };
  const { id, channel, args } = data as Record<string, unknown>;
  if (!isWireId(id)) return { kind: 'fatal', reason: 'missing id' };
  if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) {
    return invalid(id, 'The channel name is missing or malformed.');
  }
  if (!Array.isArray(args)) return invalid(id, 'The arguments must be a list.');
  return { kind: 'request', request: { id, channel, args } };
}

/** A host → client frame, as the browser transport understands it. */
export type HostMessage = { id: number; result: Result<unknown> } | { event: string; payload: unknown };
