/**
 * The transport-agnostic IPC router both shells forward messages to. It
 * checks the sender, the channel and the arguments before any handler runs,
 * and turns every failure into a typed `ApiError`. It never throws and never
 * leaves a rejection unhandled.
 */
import type { ApiError, InvokeChannel, Result } from '../../common/contract';
import type { Router, SenderContext } from '../ports';
import { PortalError } from '../services/core/errors';
import type { Handlers } from './handler-types';
import type { ChannelSchemas } from './schemas';

/** Optional diagnostics hook: receives channel names and codes, never arguments. */
export interface RouterOptions {
  log?: (line: string) => void;
}

const INTERNAL: ApiError = { code: 'internal', message: 'Something went wrong in Portico. Please try again.' };

/** Creates the router over a handler table and its argument schemas. */
export function createRouter(handlers: Handlers, schemas: ChannelSchemas, options: RouterOptions = {}): Router {
  const log = options.log ?? (() => {});
  return {
    async handle(channel: unknown, args: unknown, sender: SenderContext): Promise<Result<unknown>> {
      try {
        if (!isTrusted(sender)) {
          log(`rejected message from untrusted sender on ${describe(channel)}`);
          return fail({ code: 'forbidden_sender', message: 'This request did not come from Portico.' });
        }
        if (typeof channel !== 'string' || !Object.hasOwn(schemas, channel)) {
          log(`rejected unknown channel ${describe(channel)}`);
          return fail({ code: 'unknown_channel', message: 'Portico does not know this request.' });
        }
        const name = channel as InvokeChannel;
        const parsed = schemas[name].safeParse(args);
        if (!parsed.success) {
          // Never echo the input back: it may be a password or an attack string.
          log(`rejected invalid arguments on ${name}`);
          return fail({ code: 'invalid_request', message: 'The request was not valid.' });
        }
        const handler = handlers[name] as (...a: unknown[]) => unknown;
        const value = await handler(...(parsed.data as unknown[]));
        return { ok: true, value };
      } catch (error) {
        return fail(toApiError(error, log, channel));
      }
    },
  };
}

/** Maps a thrown value to the error the renderer sees: typed, no internals. */
export function toApiError(error: unknown, log: (line: string) => void = () => {}, channel?: unknown): ApiError {
  try {
    if (error instanceof PortalError) return error.toApiError();
    const name = error instanceof Error ? error.name : typeof error;
    log(`handler for ${describe(channel)} failed unexpectedly (${name.slice(0, 40)})`);
  } catch {
    // A hostile error object (throwing getters) still maps to `internal`.
  }
  return { ...INTERNAL };
}

function isTrusted(sender: unknown): boolean {
  try {
    return typeof sender === 'object' && sender !== null && (sender as SenderContext).trusted === true;
  } catch {
    return false;
  }
}

function fail(error: ApiError): Result<unknown> {
  return { ok: false, error };
}

/** A loggable, bounded rendering of a channel name from an untrusted source. */
function describe(channel: unknown): string {
  if (typeof channel !== 'string') return `<${typeof channel}>`;
  return JSON.stringify(channel.slice(0, 64).replace(/[^\w:.-]/g, '?'));
}
