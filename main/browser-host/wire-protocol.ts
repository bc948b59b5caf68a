/**
 * The browser host's WebSocket wire protocol, shared by the host and
 * `preload/browser-transport.ts`:
 *
 * - client → host `{id, channel, args}`
 * - client → host `{id, channel, args, binary: n}` then one raw binary frame
 *   of exactly n bytes: the bytes become `args[0].data`. Only staging
 *   chunks (`transfers:upload-chunk`) carry one; any other binary frame, a
 *   frame of another size or a text frame where the bytes belong closes the
 *   socket. (Raw frames instead of base64 JSON: a third fewer bytes and no
 *   encoding on either side.)
 * - client → host `{ping: n}`, answered `{pong: n}` (the page's heartbeat)
 * - host → client `{id, result}` (a contract `Result`) or `{event, payload}`
 *
 * Parsing is pure so the hostile-input rules are unit-tested.
 */
import type { Result } from '../../common/contract';
import { STAGING_CHUNK_BYTES } from '../ipc/transfer-schemas';

/** Largest message either side accepts; bigger ones close the socket. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** Largest binary frame: one staging chunk. */
export const MAX_BINARY_BYTES = STAGING_CHUNK_BYTES;
/** The only channels whose requests may announce a binary frame. */
const BINARY_CHANNELS: ReadonlySet<string> = new Set(['transfers:upload-chunk']);

/** A well-formed client request. */
export interface WireRequest {
  id: number;
  channel: string;
  args: unknown[];
  /** Bytes of the binary frame that must follow (its `args[0].data`). */
  binary?: number;
}

/** What the host makes of one incoming text frame. */
export type ParsedRequest =
  | { kind: 'request'; request: WireRequest }
  /** Malformed but the id is known: answer with this typed error. */
  | { kind: 'reject'; id: number; result: Result<never> }
  /** The page's heartbeat: answer `{pong}` at once. */
  | { kind: 'ping'; ping: number }
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
  const { id, channel, args, binary, ping } = data as Record<string, unknown>;
  if (ping !== undefined) {
    return isWireId(ping) && Object.keys(data).length === 1
      ? { kind: 'ping', ping }
      : { kind: 'fatal', reason: 'malformed ping' };
  }
  if (!isWireId(id)) return { kind: 'fatal', reason: 'missing id' };
  if (binary !== undefined) {
    // The frame after this one is raw bytes: a header we cannot trust leaves no way to read on.
    if (
      typeof binary !== 'number' ||
      !Number.isSafeInteger(binary) ||
      binary < 1 ||
      binary > MAX_BINARY_BYTES
    )
      return { kind: 'fatal', reason: 'bad binary size' };
    if (typeof channel !== 'string' || !BINARY_CHANNELS.has(channel))
      return { kind: 'fatal', reason: 'no binary on this channel' };
    const first: unknown = Array.isArray(args) ? args[0] : undefined;
    if (
      !Array.isArray(args) ||
      args.length !== 1 ||
      typeof first !== 'object' ||
      first === null ||
      Array.isArray(first) ||
      'data' in first
    ) {
      return { kind: 'fatal', reason: 'bad binary header' };
    }
    return { kind: 'request', request: { id, channel, args, binary } };
  }
  if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) {
    return invalid(id, 'The channel name is missing or malformed.');
  }
  if (!Array.isArray(args)) return invalid(id, 'The arguments must be a list.');
  return { kind: 'request', request: { id, channel, args } };
}

/** A host → client frame, as the browser transport understands it. */
export type HostMessage =
  { id: number; result: Result<unknown> } | { event: string; payload: unknown } | { pong: number };
